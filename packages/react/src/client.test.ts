import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAllotClient } from './client';
import { AllotHttpError, isAllotHttpError } from './http-error';
import { readBlob } from './testing/read-blob.test-helpers';
import { startTestServer, type TestServer } from './testing/server.test-helpers';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

async function rejection(promise: Promise<unknown>): Promise<AllotHttpError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(isAllotHttpError(error)).toBe(true);
  return error as AllotHttpError;
}

describe('createAllotClient', () => {
  it('reads the overview, members, settings and balances', async () => {
    const admin = server.clientFor('ada');
    const overview = await admin.overview();
    expect(overview).toMatchObject({ orgId: 'acme', monthlyPool: 1000, allocated: 300, memberCount: 3 });

    const members = await admin.members({ search: 'bob' });
    expect(members.items.map((m) => m.userId)).toEqual(['bob']);
    expect(members.items[0]).toMatchObject({ allocated: 300, used: 0, remaining: 300 });

    const paged = await admin.members({ limit: 2, offset: 2 });
    expect(paged).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(paged.items).toHaveLength(1);

    expect((await admin.settings()).name).toBe('Acme');
    expect(await server.clientFor('bob').balance()).toMatchObject({ userId: 'bob', remaining: 300 });
  });

  it('runs every member and request command', async () => {
    const admin = server.clientFor('ada');
    const bob = server.clientFor('bob');

    const assigned = await admin.assign({ userId: 'cy', total: 200 });
    expect(assigned.member).toMatchObject({ userId: 'cy', allocated: 200 });
    expect(assigned.entry).toMatchObject({ type: 'allocation', amount: 200, balanceAfter: 200 });

    const revoked = await admin.revoke({ userId: 'cy', amount: 50 });
    expect(revoked.entry).toMatchObject({ type: 'revocation', amount: -50, balanceAfter: 150 });

    expect((await admin.setRole({ userId: 'cy', role: 'admin' })).member.role).toBe('admin');
    expect((await admin.removeMember({ userId: 'cy' })).member.status).toBe('removed');

    const settings = await admin.updateSettings({ monthlyPool: 2000 });
    expect(settings.monthlyPool).toBe(2000);

    const first = await bob.submitRequest({ amount: 100, message: 'Launch week' });
    expect(first).toMatchObject({ status: 'pending', amount: 100, message: 'Launch week', userId: 'bob' });
    const second = await bob.submitRequest({ amount: 50 });
    const third = await bob.submitRequest({ amount: 70 });

    expect((await admin.requests({ status: 'pending' })).items.map((r) => r.id)).toEqual([
      third.id,
      second.id,
      first.id,
    ]);

    const approval = await admin.approveRequest({ requestId: first.id, amount: 80 });
    expect(approval.request).toMatchObject({ status: 'approved', grantedAmount: 80 });
    expect(approval.member.allocated).toBe(380);
    expect((await admin.rejectRequest({ requestId: second.id, reason: 'Not now' })).status).toBe('rejected');
    expect((await bob.cancelRequest({ requestId: third.id })).status).toBe('cancelled');

    const own = await bob.requests();
    expect(own.items.map((r) => r.status)).toEqual(['cancelled', 'rejected', 'approved']);
  });

  it('pages the ledger by cursor with filters, and sums it', async () => {
    const admin = server.clientFor('ada');
    await server.consume('bob', 10);
    await server.consume('bob', 20);
    await server.consume('bob', 30);

    const first = await admin.ledger({ userId: 'bob', type: ['usage'], limit: 2 });
    expect(first.items.map((e) => e.amount)).toEqual([-30, -20]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await admin.ledger({
      userId: 'bob',
      type: ['usage'],
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(second.items.map((e) => e.amount)).toEqual([-10]);
    expect(second.nextCursor).toBeNull();

    const both = await admin.ledger({ type: ['usage', 'allocation'] });
    expect(new Set(both.items.map((e) => e.type))).toEqual(new Set(['usage', 'allocation']));

    expect(await admin.summary({ userId: 'bob' })).toEqual({
      usage: 60,
      allocated: 300,
      revoked: 0,
      refunded: 0,
    });
    const future = await admin.ledger({ from: '2999-01-01' });
    expect(future.items).toEqual([]);

    const mine = await server.clientFor('bob').myLedger({ type: ['usage'] });
    expect(mine.items).toHaveLength(3);
    expect(mine.items.every((e) => e.userId === 'bob')).toBe(true);
  });

  it('downloads the filtered ledger as CSV with the server’s file name', async () => {
    await server.consume('bob', 10);
    await server.consume('bob', 20);
    const file = await server.clientFor('ada').exportLedgerCsv({ userId: 'bob', type: ['usage'] });
    expect(file.filename).toMatch(/\.csv$/);
    const lines = (await readBlob(file.blob)).trim().split(/\r\n/);
    expect(lines[0]).toMatch(/^id,date,user_id,type,amount/);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((line) => line.includes(',bob,usage,'))).toBe(true);
  });

  it('sends the Idempotency-Key header, so a retried command writes once', async () => {
    const admin = server.clientFor('ada');
    const once = await admin.assign({ userId: 'cy', total: 100, idempotencyKey: 'assign-cy-1' });
    const again = await admin.assign({ userId: 'cy', total: 100, idempotencyKey: 'assign-cy-1' });
    expect(again.entry?.id).toBe(once.entry?.id);
    const conflict = await rejection(
      admin.assign({ userId: 'cy', total: 999, idempotencyKey: 'assign-cy-1' }),
    );
    expect(conflict.code).toBe('idempotency_conflict');
  });

  it('reserves, captures and releases holds, and tops up the pool', async () => {
    const admin = server.clientFor('ada');
    const reserved = await admin.reserve({ userId: 'bob', amount: 100, idempotencyKey: 'job-1' });
    expect(reserved.hold).toMatchObject({ userId: 'bob', amount: 100, status: 'active' });
    expect(reserved.member).toMatchObject({ held: 100, remaining: 200 });
    const retried = await admin.reserve({ userId: 'bob', amount: 100, idempotencyKey: 'job-1' });
    expect(retried.hold.id).toBe(reserved.hold.id);

    const other = await admin.reserve({ userId: 'bob', amount: 50, idempotencyKey: 'job-2', ttlSeconds: 60 });
    expect((await admin.holds()).items.map((h) => h.id)).toEqual([other.hold.id, reserved.hold.id]);

    const captured = await admin.capture({
      holdId: reserved.hold.id,
      amount: 60,
      description: 'Render',
      idempotencyKey: 'job-1:capture',
    });
    expect(captured.hold).toMatchObject({ status: 'captured', captured: 60 });
    expect(captured.usage).toMatchObject({ type: 'usage', amount: -60, holdId: reserved.hold.id });
    expect(captured.member).toMatchObject({ used: 60, held: 50, remaining: 190 });

    const released = await admin.release({ holdId: other.hold.id });
    expect(released.hold.status).toBe('released');
    expect(released.member).toMatchObject({ held: 0, remaining: 240 });

    expect((await admin.holds()).items).toEqual([]);
    const captures = await admin.holds({ status: 'captured', userId: 'bob' });
    expect(captures.items.map((h) => h.id)).toEqual([reserved.hold.id]);
    expect((await server.clientFor('bob').holds({ status: 'all' })).items).toHaveLength(2);

    const late = await rejection(admin.release({ holdId: reserved.hold.id }));
    expect(late).toMatchObject({ code: 'hold_not_active', status: 409 });

    const topUp = await admin.topUp({ amount: 250, reason: 'Launch week' });
    expect(topUp).toMatchObject({ topUps: 250, pool: 1250 });
    expect(topUp.entry).toMatchObject({ type: 'top_up', amount: 250 });
    expect(await admin.overview()).toMatchObject({ topUps: 250, pool: 1250 });
  });

  it('sends hold routes their paths, query and Idempotency-Key', async () => {
    const seen: { url: string; method: string; key: string | null; body: unknown }[] = [];
    const client = createAllotClient({
      baseUrl: server.baseUrl,
      headers: { 'x-test-user': 'ada' },
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        seen.push({
          url: String(input).slice(server.baseUrl.length),
          method: init?.method ?? 'GET',
          key: headers.get('idempotency-key'),
          body: init?.body === undefined ? undefined : JSON.parse(String(init.body)),
        });
        return fetch(input, init);
      },
    });
    const { hold } = await client.reserve({ userId: 'bob', amount: 10, idempotencyKey: 'k1' });
    await client.holds({ status: 'all', userId: 'bob', limit: 5 });
    await client.capture({ holdId: hold.id, idempotencyKey: 'k2' });
    const again = await client.reserve({ userId: 'bob', amount: 10, idempotencyKey: 'k3' });
    await client.release({ holdId: again.hold.id, idempotencyKey: 'k4' });
    await client.topUp({ amount: 5 });
    expect(seen).toEqual([
      { url: '/holds', method: 'POST', key: 'k1', body: { userId: 'bob', amount: 10 } },
      { url: '/holds?status=all&userId=bob&limit=5', method: 'GET', key: null, body: undefined },
      { url: `/holds/${hold.id}/capture`, method: 'POST', key: 'k2', body: {} },
      { url: '/holds', method: 'POST', key: 'k3', body: { userId: 'bob', amount: 10 } },
      { url: `/holds/${again.hold.id}/release`, method: 'POST', key: 'k4', body: {} },
      { url: '/top-ups', method: 'POST', key: null, body: { amount: 5 } },
    ]);
  });

  it('reads the caller’s own requests and holds from /me, never sending a userId', async () => {
    const seen: string[] = [];
    const client = createAllotClient({
      baseUrl: server.baseUrl,
      headers: { 'x-test-user': 'ada' },
      fetch: (input, init) => {
        seen.push(String(input).slice(server.baseUrl.length));
        return fetch(input, init);
      },
    });
    await server.clientFor('bob').submitRequest({ amount: 10 });
    const own = await client.submitRequest({ amount: 20 });
    await client.assign({ userId: 'ada', total: 50 });
    const hold = await server.reserve('ada', 15);
    await server.reserve('bob', 5);
    expect((await client.myRequests()).items.map((r) => r.id)).toEqual([own.id]);
    expect((await client.myRequests({ status: 'pending', limit: 5 })).items).toHaveLength(1);
    expect((await client.myHolds()).items.map((h) => h.id)).toEqual([hold]);
    expect((await client.myHolds({ status: 'all', cursor: undefined, limit: 2 })).nextCursor).toBeNull();
    expect((await client.requests()).items).toHaveLength(2);
    expect(seen.filter((url) => url.startsWith('/me/'))).toEqual([
      '/me/requests',
      '/me/requests?status=pending&limit=5',
      '/me/holds',
      '/me/holds?status=all&limit=2',
    ]);
  });

  it('rejects with a typed AllotHttpError carrying the problem', async () => {
    const admin = server.clientFor('ada');
    const pool = await rejection(admin.assign({ userId: 'cy', total: 5000 }));
    expect(pool).toBeInstanceOf(AllotHttpError);
    expect(pool.code).toBe('insufficient_pool');
    expect(pool.status).toBeGreaterThanOrEqual(400);
    expect(pool.detail).toMatch(/unallocated/);
    expect(pool.problem.title).toEqual(expect.any(String));
    expect(pool.is('insufficient_pool')).toBe(true);

    const invalid = await rejection(admin.assign({ userId: 'cy', total: -1 }));
    expect(invalid.code).toBe('validation');
    expect(invalid.status).toBe(400);
    expect(invalid.issues.map((i) => i.path)).toContain('total');

    const forbidden = await rejection(server.clientFor('bob').overview());
    expect(forbidden.code).toBe('forbidden');
    expect(forbidden.status).toBe(403);

    const missing = await rejection(admin.approveRequest({ requestId: 'nope' }));
    expect(missing).toMatchObject({ code: 'not_found', status: 404 });

    const anonymous = await rejection(createAllotClient({ baseUrl: server.baseUrl }).balance());
    expect(anonymous.status).toBe(401);
  });

  it('reports an unreachable server as a network_error', async () => {
    const client = createAllotClient({ baseUrl: server.baseUrl });
    await server.close();
    const error = await rejection(client.overview());
    expect(error).toMatchObject({ code: 'network_error', status: 0 });
    server = await startTestServer();
  });

  it('calls a headers function per request and uses the fetch it is given', async () => {
    const seen: string[] = [];
    let calls = 0;
    const client = createAllotClient({
      baseUrl: `${server.baseUrl}/`,
      headers: async () => {
        calls += 1;
        return { 'x-test-user': 'ada' };
      },
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    await client.members({ search: 'a b', limit: 5 });
    await client.ledger({ type: ['usage', 'refund'], userId: undefined });
    expect(calls).toBe(2);
    expect(seen).toEqual([
      `${server.baseUrl}/members?search=a+b&limit=5`,
      `${server.baseUrl}/ledger?type=usage%2Crefund`,
    ]);
  });
});
