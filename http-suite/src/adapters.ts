import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Allot } from '@allot/core';
import { createAllotRouter } from '@allot/express';
import { allotFrameworkErrors, allotPlugin } from '@allot/fastify';
import { type AllotCaller, createAllotHandler } from '@allot/http';
import { toNodeListener } from '@allot/http/node';
import { createAdaptorServer } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { NEXT_TEST_SETUP, nextRequestHandler } from './next-app';

/** The header the test host authenticates with: `x-user: <orgId>:<userId>`. */
export const AUTH_HEADER = 'x-user';

/** Where every adapter mounts Allot (the Next.js example's route folder, `app/api/credits`). */
export const MOUNT = '/api/credits';

/** What every adapter is started with: the suite's host, mounted at `MOUNT`. */
export interface AdapterSetup {
  allot: Allot;
  usageRoutes: boolean;
  bodyLimit?: string;
  /** The host's authentication, given the `x-user` header (undefined when absent). */
  caller(identity: string | undefined): AllotCaller | null | Promise<AllotCaller | null>;
  onError(error: unknown): void;
}

/** A framework serving Allot under `MOUNT` on a real server on 127.0.0.1. */
export interface ServerAdapter {
  name: string;
  /**
   * The framework builds the Web `Request` itself (Hono, Next.js, Bun): a GET's body never reaches
   * the handler, and `.` / `..` path segments are resolved before routing.
   */
  fetchNative?: boolean;
  /** The framework answers a path with an empty segment (`//`) with its own 308 to the collapsed path (Next.js). */
  redirectsRepeatedSlashes?: boolean;
  start(setup: AdapterSetup): Promise<{ server: Server; close(): Promise<void> }>;
}

async function listening(server: Server): Promise<{ server: Server; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

const limit = (setup: AdapterSetup) => (setup.bodyLimit === undefined ? {} : { bodyLimit: setup.bodyLimit });
const headerOf = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export const expressAdapter: ServerAdapter = {
  name: 'express',
  start(setup) {
    const app = express();
    app.use(
      MOUNT,
      createAllotRouter({
        allot: setup.allot,
        usageRoutes: setup.usageRoutes,
        ...limit(setup),
        getActor: (req) => setup.caller(req.get(AUTH_HEADER)),
        onError: setup.onError,
      }),
    );
    return listening(createServer(app));
  },
};

const handlerFor = (setup: AdapterSetup) =>
  createAllotHandler({
    allot: setup.allot,
    basePath: MOUNT,
    usageRoutes: setup.usageRoutes,
    ...limit(setup),
    getActor: (request) => setup.caller(request.headers.get(AUTH_HEADER) ?? undefined),
    onError: setup.onError,
  });

export const nodeAdapter: ServerAdapter = {
  name: 'node:http',
  start: (setup) => listening(createServer(toNodeListener(handlerFor(setup)))),
};

export const honoAdapter: ServerAdapter = {
  name: 'hono',
  fetchNative: true,
  start(setup) {
    const handler = handlerFor(setup);
    const app = new Hono();
    app.all(MOUNT, (c) => handler(c.req.raw));
    app.all(`${MOUNT}/*`, (c) => handler(c.req.raw));
    return listening(createAdaptorServer({ fetch: app.fetch }) as Server);
  },
};

/**
 * The Next.js example app (examples/nextjs, built by next-build.ts before the suite runs), its
 * route handler answering with the suite's Allot: Next's own request handler on a node server,
 * as `next start` runs it.
 */
export const nextAdapter: ServerAdapter = {
  name: 'next.js',
  fetchNative: true,
  redirectsRepeatedSlashes: true,
  async start(setup) {
    (globalThis as { [NEXT_TEST_SETUP]?: AdapterSetup })[NEXT_TEST_SETUP] = setup;
    const handle = await nextRequestHandler();
    return listening(createServer((req, res) => handle(req, res)));
  },
};

export const fastifyAdapter: ServerAdapter = {
  name: 'fastify',
  async start(setup) {
    const app = Fastify({ frameworkErrors: allotFrameworkErrors });
    await app.register(allotPlugin, {
      prefix: MOUNT,
      allot: setup.allot,
      usageRoutes: setup.usageRoutes,
      ...limit(setup),
      getActor: (request) => setup.caller(headerOf(request.headers[AUTH_HEADER])),
      onError: setup.onError,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { server: app.server, close: () => app.close() };
  },
};

/** Every adapter the suite runs on. */
export const adapters: ServerAdapter[] = [
  expressAdapter,
  nodeAdapter,
  honoAdapter,
  fastifyAdapter,
  nextAdapter,
];

/** The base URL of a listening server. */
export function baseUrl(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
