import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { actors, createAllot } from '@allot/core';
import { createMemoryStore } from '@allot/memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AllotHandler, createAllotHandler } from './handler';
import { toNodeListener } from './node';

let handler: AllotHandler;
let orgId: string;
const errors: unknown[] = [];

beforeAll(async () => {
  const allot = createAllot({ store: createMemoryStore(), events: false });
  const org = await allot.createOrganization({
    actor: actors.system(),
    name: 'Acme',
    monthlyPool: 1000,
    admins: [{ userId: 'ada', email: 'ada@acme.com', name: 'Ada' }],
  });
  if (org.isErr()) throw new Error(org.error.message);
  orgId = org.value.id;
  for (let i = 0; i < 300; i++)
    await allot.assign({ actor: actors.system(), orgId, userId: 'ada', total: i + 1 });
  handler = createAllotHandler({
    allot,
    basePath: '/api/credits',
    getActor: (request) => (request.headers.get('x-user') ? { orgId, userId: 'ada' } : null),
    onError: (error) => errors.push(error),
  });
});

const call = (path: string, init: RequestInit = {}, signedIn = true) =>
  handler(
    new Request(`http://localhost${path}`, {
      ...init,
      headers: { ...(signedIn ? { 'x-user': 'ada' } : {}), ...(init.headers as Record<string, string>) },
    }),
  );

describe('createAllotHandler', () => {
  it('serves the routes below its base path, and answers 404 problems outside them', async () => {
    const overview = await call('/api/credits/overview');
    expect(overview.status).toBe(200);
    expect(overview.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await overview.json()).toMatchObject({ orgId, monthlyPool: 1000 });
    const outside = await call('/elsewhere/overview');
    expect(outside.status).toBe(404);
    expect(outside.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await outside.json()).toMatchObject({ code: 'route_not_found' });
  });

  it('asks getActor with the Request: 401 problem when nobody is signed in', async () => {
    const response = await call('/api/credits/overview', {}, false);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'unauthorized', status: 401 });
  });

  it('refuses a wrong method with 405 and Allow, and bodies that are too large, malformed or not JSON', async () => {
    const wrong = await call('/api/credits/overview', { method: 'DELETE' });
    expect([wrong.status, wrong.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    const json = { 'content-type': 'application/json' };
    const big = await call('/api/credits/requests', {
      method: 'POST',
      headers: json,
      body: `{"m":"${'x'.repeat(200_000)}"}`,
    });
    expect((await big.json()).code).toBe('payload_too_large');
    const bad = await call('/api/credits/requests', { method: 'POST', headers: json, body: '{"amount":' });
    expect((await bad.json()).code).toBe('malformed_json');
    const text = await call('/api/credits/requests', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(text.status).toBe(415);
  });

  it('serves the OpenAPI document with its base path as the server', async () => {
    const doc = await (await call('/api/credits/openapi.json')).json();
    expect(doc).toMatchObject({ openapi: '3.1.0', servers: [{ url: '/api/credits' }] });
    expect(Object.keys(doc.paths)).toContain('/members/{userId}/allocation');
  });

  it('streams the CSV export as a ReadableStream, chunk by chunk', async () => {
    const response = await call('/api/credits/ledger.csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="ledger.*\.csv"$/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let chunks = 0;
    let text = '';
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks++;
      text += new TextDecoder().decode(read.value);
    }
    expect(chunks).toBeGreaterThan(2); // the header, then batches: not one buffered body
    expect(text.trim().split('\n').length).toBeGreaterThan(300);
    expect(errors).toEqual([]);
  });
});

describe('toNodeListener', () => {
  let base: string;
  const server = createServer((req, res) => toNodeListener(handler)(req, res));
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the handler on node:http, bodies and streams included', async () => {
    const headers = { 'x-user': 'ada', 'content-type': 'application/json' };
    const created = await fetch(`${base}/api/credits/requests`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ amount: 5, message: 'more' }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ amount: 5, status: 'pending' });
    const csv = await fetch(`${base}/api/credits/ledger.csv`, { headers });
    expect((await csv.text()).split('\n')[0]).toContain('id');
    const get = await fetch(`${base}/api/credits/overview`, {
      method: 'GET',
      headers: { 'x-user': 'ada', 'content-length': '2' },
      body: undefined,
    });
    expect(get.status).toBe(200);
  });
});
