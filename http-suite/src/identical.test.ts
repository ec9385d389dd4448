import { request, type Server } from 'node:http';
import { actors, createAllot } from '@allot/core';
import { createMemoryStore } from '@allot/memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_HEADER, adapters, baseUrl, MOUNT } from './adapters';

// The same requests against every adapter, over one seeded store: the answers must be identical —
// status, content type, Allow, the body byte for byte — for reads, refusals and hostile bodies.

interface Probe {
  name: string;
  method: string;
  path: string;
  as?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Adapters whose framework changes the request before any app code sees it, and how. */
  frameworkRewrites?: Record<string, string>;
}

const json = { 'content-type': 'application/json' };
const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
const probes: Probe[] = [
  { name: 'overview', method: 'GET', path: '/overview', as: 'acme:ada' },
  { name: 'members page', method: 'GET', path: '/members?limit=2&search=b', as: 'acme:ada' },
  { name: 'own balance', method: 'GET', path: '/me', as: 'acme:bob' },
  {
    name: 'ledger by repeated type',
    method: 'GET',
    path: '/ledger?type=allocation&type=usage',
    as: 'acme:ada',
  },
  { name: 'summary', method: 'GET', path: '/ledger/summary', as: 'acme:ada' },
  { name: 'csv', method: 'GET', path: '/ledger.csv?userId=bob', as: 'acme:ada' },
  { name: 'openapi', method: 'GET', path: '/openapi.json' },
  { name: 'nobody signed in', method: 'GET', path: '/overview' },
  { name: 'member at an admin route', method: 'GET', path: '/overview', as: 'acme:bob' },
  { name: 'unknown route', method: 'GET', path: '/nope', as: 'acme:ada' },
  { name: 'wrong method', method: 'DELETE', path: '/overview', as: 'acme:ada' },
  { name: 'validation in query', method: 'GET', path: '/members?limit=abc', as: 'acme:ada' },
  {
    name: 'unknown query key',
    method: 'GET',
    path: '/members?__proto__=1',
    as: 'acme:ada',
    frameworkRewrites: { 'next.js': 'Next.js drops a `__proto__` query key while parsing the URL' },
  },
  {
    name: 'not found',
    method: 'POST',
    path: '/requests/nope/approve',
    as: 'acme:ada',
    headers: json,
    body: '{}',
  },
  {
    name: 'malformed JSON',
    method: 'POST',
    path: '/requests',
    as: 'acme:bob',
    headers: json,
    body: '{"amount":',
  },
  {
    name: 'JSON that is not an object',
    method: 'POST',
    path: '/requests',
    as: 'acme:bob',
    headers: json,
    body: '"5"',
  },
  {
    name: 'wrong content type',
    method: 'POST',
    path: '/requests',
    as: 'acme:bob',
    headers: { 'content-type': 'text/plain' },
    body: 'amount=5',
  },
  {
    name: 'a charset other than UTF-8',
    method: 'POST',
    path: '/requests',
    as: 'acme:bob',
    headers: { 'content-type': 'application/json; charset=latin1' },
    body: '{}',
  },
  {
    name: '2 MB body',
    method: 'POST',
    path: '/requests',
    as: 'acme:bob',
    headers: json,
    body: `{"message":"${'x'.repeat(2_000_000)}"}`,
  },
  { name: 'deep nesting', method: 'POST', path: '/requests', as: 'acme:bob', headers: json, body: deep },
  {
    name: '__proto__ in the body',
    method: 'POST',
    path: '/requests',
    as: 'acme:bob',
    headers: json,
    body: '{"amount":5,"__proto__":{"admin":true}}',
  },
  {
    name: 'required Idempotency-Key missing',
    method: 'POST',
    path: '/usage',
    as: 'acme:ada',
    headers: json,
    body: '{"userId":"bob","amount":1}',
  },
  {
    name: 'bad escape in the path',
    method: 'PUT',
    path: '/members/%E0%A4%A/allocation',
    as: 'acme:ada',
    headers: json,
    body: '{"total":1}',
  },
];

type Answer = {
  status: number;
  type: string | null;
  allow: string | null;
  disposition: string | null;
  body: string;
};

/** One request on a connection of its own (a refused body may leave the connection unusable). */
function ask(server: Server, probe: Probe): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const call = request(
      `${baseUrl(server)}${MOUNT}${probe.path}`,
      {
        method: probe.method,
        agent: false,
        headers: {
          ...(probe.as ? { [AUTH_HEADER]: probe.as } : {}),
          ...probe.headers,
          ...(probe.body === undefined ? {} : { 'content-length': Buffer.byteLength(probe.body) }),
        },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            type: response.headers['content-type'] ?? null,
            allow: (response.headers.allow as string | undefined) ?? null,
            disposition: response.headers['content-disposition'] ?? null,
            body,
          }),
        );
      },
    );
    call.on('error', reject);
    call.end(probe.body);
  });
}

describe('every adapter answers every request identically', () => {
  const running: { name: string; server: Server; close(): Promise<void> }[] = [];
  beforeAll(async () => {
    const allot = createAllot({
      store: createMemoryStore(),
      events: false,
      clock: () => new Date('2026-11-02T09:00:00Z'),
    });
    const system = actors.system();
    for (const [id, admin] of [
      ['acme', 'ada'],
      ['globex', 'gus'],
    ] as const) {
      const org = await allot.createOrganization({
        actor: system,
        id,
        name: id,
        domains: [`${id}.com`],
        monthlyPool: 10_000,
        admins: [{ userId: admin, email: `${admin}@${id}.com`, name: admin }],
      });
      if (org.isErr()) throw new Error(org.error.message);
    }
    await allot.enroll({ actor: system, userId: 'bob', email: 'bob@acme.com', name: 'Bob' });
    await allot.assign({ actor: system, orgId: 'acme', userId: 'bob', total: 3000 });
    await allot.consume({
      actor: system,
      orgId: 'acme',
      userId: 'bob',
      amount: 120,
      idempotencyKey: 'job-1',
    });
    for (const adapter of adapters) {
      const started = await adapter.start({
        allot,
        usageRoutes: true,
        caller: (identity) => {
          const [orgId, userId] = identity?.split(':') ?? [];
          return orgId && userId ? { orgId, userId } : null;
        },
        onError: () => {},
      });
      running.push({ name: adapter.name, ...started });
    }
  });
  afterAll(async () => {
    for (const r of running) await r.close();
  });

  it.each(probes)('$name', async (probe) => {
    const answers = await Promise.all(
      running.map(async (r) => [r.name, await ask(r.server, probe)] as const),
    );
    const [first] = answers;
    if (!first) throw new Error('no adapter started');
    for (const [name, answer] of answers) {
      expect(answer.status).toBeLessThan(500);
      if (!probe.frameworkRewrites?.[name]) expect({ name, ...answer }).toEqual({ name, ...first[1] });
    }
  });
});
