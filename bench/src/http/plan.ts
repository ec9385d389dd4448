import type { HttpRequest } from './autocannon-load';
import {
  ADMIN_ID,
  type AllotServer,
  AUTH_HEADER,
  FRAMEWORKS,
  MEMBER_ID,
  MOUNT,
  ORG_ID,
  type ServerTask,
} from './protocol';

/** What case 7 measures: each framework's bare baseline, then Allot's read and write on it. */
export type Which = 'bare' | 'get' | 'post';

const asAdmin = { [AUTH_HEADER]: `${ORG_ID}:${ADMIN_ID}` };

const GET_OVERVIEW: HttpRequest = { method: 'GET', path: `${MOUNT}/overview`, headers: asAdmin };

const POST_USAGE: HttpRequest = {
  method: 'POST',
  path: `${MOUNT}/usage`,
  headers: { ...asAdmin, 'content-type': 'application/json' },
  body: JSON.stringify({ userId: MEMBER_ID, amount: 1, description: 'bench' }),
  idempotencyPrefix: 'key',
};

/** One measurement: which server, what it serves, and the request autocannon repeats. */
export interface Step {
  server: AllotServer;
  which: Which;
  task: ServerTask;
  request: HttpRequest;
}

function allot(server: AllotServer): Step[] {
  return [
    { server, which: 'get', task: { kind: 'allot', framework: server }, request: GET_OVERVIEW },
    { server, which: 'post', task: { kind: 'allot', framework: server }, request: POST_USAGE },
  ];
}

/** One run's measurements in order: framework by framework (node:http first). */
export const STEPS: Step[] = [
  ...FRAMEWORKS.flatMap((framework): Step[] => [
    { server: framework, which: 'bare', task: { kind: 'bare', framework }, request: GET_OVERVIEW },
    ...allot(framework),
  ]),
];

/** How each server serves Allot, for the report. */
export const ADAPTER: Record<AllotServer, string> = {
  'node:http': 'node:http + `toNodeListener` (`@allot/http/node`)',
  express: 'Express + `createAllotRouter` (`@allot/express`)',
  fastify: 'Fastify + `allotPlugin` (`@allot/fastify`)',
  hono: 'Hono on `@hono/node-server` + `createAllotHandler`',
};

/** The label of one measurement. */
export function labelOf(server: AllotServer, which: Which): string {
  if (which === 'bare') return `bare ${server} route, fixed JSON body`;
  return `${which === 'get' ? 'GET /overview' : 'POST /usage'} via ${ADAPTER[server]}`;
}
