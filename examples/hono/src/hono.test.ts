import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAllot } from '@allot/core';
import { createSqliteStore, migrate } from '@allot/sqlite';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { seedDemo } from './demo';

const dir = mkdtempSync(join(tmpdir(), 'allot-hono-'));
let base: string;
let close: () => void;

beforeAll(async () => {
  const filename = join(dir, 'hono.db');
  await migrate({ filename });
  const allot = createAllot({ store: createSqliteStore({ filename }) });
  const app = createApp(allot, await seedDemo(allot));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => {
  close();
  rmSync(dir, { recursive: true, force: true });
});

const as = (token: string) => ({ authorization: `Bearer ${token}` });

describe('examples/hono', () => {
  it('keeps the app’s own routes', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ ok: true });
  });

  it('refuses a request without a valid token before Allot sees it', async () => {
    expect((await fetch(`${base}/api/credits/me`)).status).toBe(401);
    expect((await fetch(`${base}/api/credits/me`, { headers: as('stolen') })).status).toBe(401);
  });

  it('serves a member their balance and lets them ask for more', async () => {
    const me = await fetch(`${base}/api/credits/me`, { headers: as('token-bob') });
    expect(await me.json()).toMatchObject({ userId: 'bob', allocated: 2_500, remaining: 2_500 });
    const asked = await fetch(`${base}/api/credits/requests`, {
      method: 'POST',
      headers: { ...as('token-bob'), 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 500, message: 'Launch week' }),
    });
    expect(asked.status).toBe(201);
  });

  it('lets the admin read the pool and refuses a member there with a problem', async () => {
    const overview = await fetch(`${base}/api/credits/overview`, { headers: as('token-ada') });
    expect(await overview.json()).toMatchObject({ orgId: 'acme', pool: 10_000, memberCount: 2 });
    const refused = await fetch(`${base}/api/credits/overview`, { headers: as('token-bob') });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  });
});
