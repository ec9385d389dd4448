import { randomUUID } from 'node:crypto';
import type { AllotStore } from '@allot/core';
import { checkInvariants, deferred, fundedOrg, settlesWithin, unwrap } from '@allot/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore, migrate } from './index';
import { openTestDatabase, type TestDatabase } from './test-database';

// Real parallel connections: a pool of 24, so up to 24 transactions are in flight at once.
let db: TestDatabase;
let store: AllotStore;

beforeAll(async () => {
  db = await openTestDatabase(24);
  await migrate({ pool: db.pool }, { schema: db.schema });
  store = createPostgresStore({ pool: db.pool }, { schema: db.schema });
});

afterAll(async () => {
  await store?.close?.();
  await db?.dispose();
});

/** Times each usage id appears in the journal (read with SQL, not through the store). */
async function usageCounts(orgId: string): Promise<Map<string, number>> {
  const { rows } = await db.pool.query<{ id: string; n: string }>(
    `select id, count(*) as n from "${db.schema}".journal where org_id = $1 and type = 'usage' group by id`,
    [orgId],
  );
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

describe('postgres: parallel connections', () => {
  it('many consumes on one member: no overspend, every success journaled exactly once', async () => {
    const { allot, orgId, system, userIds } = await fundedOrg(store, { members: 1, allocation: 500 });
    const userId = userIds[0] as string;
    const amounts = Array.from({ length: 96 }, (_, i) => 1 + (i % 13));
    const results = await Promise.all(
      amounts.map((amount) =>
        allot.consume({
          actor: system,
          orgId,
          userId,
          amount,
          idempotencyKey: randomUUID(),
          description: 'job',
        }),
      ),
    );
    const successes = results.filter((r) => r.isOk()).map((r) => r._unsafeUnwrap());
    const failures = results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr().code);
    const spent = successes.reduce((sum, s) => sum + -s.usage.amount, 0);
    expect(new Set(failures)).toEqual(new Set(failures.length ? ['insufficient_credits'] : []));
    expect(spent).toBeLessThanOrEqual(500);
    expect(spent).toBeGreaterThan(500 - 13);
    const balance = unwrap(await allot.balance({ actor: system, orgId, userId }));
    expect(balance).toMatchObject({ allocated: 500, used: spent, remaining: 500 - spent });
    const counts = await usageCounts(orgId);
    expect(counts.size).toBe(successes.length);
    for (const s of successes) expect(counts.get(s.usage.id)).toBe(1);
    expect(await checkInvariants(store, orgId)).toEqual([]);
  });

  it('many consumes on different members at once all succeed, each journaled once', async () => {
    const { allot, orgId, system, userIds } = await fundedOrg(store, { members: 16, allocation: 100 });
    const results = await Promise.all(
      userIds.flatMap((userId) =>
        Array.from({ length: 10 }, () =>
          allot.consume({
            actor: system,
            orgId,
            userId,
            amount: 10,
            idempotencyKey: randomUUID(),
            description: 'job',
          }),
        ),
      ),
    );
    const successes = results.map((r) => unwrap(r));
    const counts = await usageCounts(orgId);
    expect(counts.size).toBe(160);
    for (const s of successes) expect(counts.get(s.usage.id)).toBe(1);
    for (const userId of userIds) {
      expect(unwrap(await allot.balance({ actor: system, orgId, userId })).remaining).toBe(0);
    }
    expect(await checkInvariants(store, orgId)).toEqual([]);
  });

  it('racing retries of one key while others drain the balance all replay the first success', async () => {
    const { allot, orgId, system, userIds } = await fundedOrg(store, { members: 1, allocation: 100 });
    const userId = userIds[0] as string;
    const call = {
      actor: system,
      orgId,
      userId,
      amount: 60,
      idempotencyKey: `settle-${randomUUID()}`,
      description: 'job',
    };
    const first = unwrap(await allot.consume(call));
    const drains = Array.from({ length: 20 }, () =>
      allot.consume({
        actor: system,
        orgId,
        userId,
        amount: 5,
        idempotencyKey: randomUUID(),
        description: 'drain',
      }),
    );
    const retries = Array.from({ length: 20 }, () => allot.consume(call));
    const [, replayed] = await Promise.all([Promise.all(drains), Promise.all(retries)]);
    for (const r of replayed) expect(unwrap(r)).toEqual(first);
    expect(unwrap(await allot.balance({ actor: system, orgId, userId })).remaining).toBe(0);
    expect((await usageCounts(orgId)).get(first.usage.id)).toBe(1);
  });

  it('racing refunds of one usage under different keys refund it once', async () => {
    const { allot, orgId, system, userIds } = await fundedOrg(store, { members: 1, allocation: 100 });
    const userId = userIds[0] as string;
    const usage = unwrap(
      await allot.consume({
        actor: system,
        orgId,
        userId,
        amount: 40,
        idempotencyKey: randomUUID(),
        description: 'job',
      }),
    ).usage;
    const results = await Promise.all(
      Array.from({ length: 16 }, () =>
        allot.refund({ actor: system, orgId, usageId: usage.id, idempotencyKey: randomUUID() }),
      ),
    );
    expect(results.filter((r) => r.isOk())).toHaveLength(1);
    expect(unwrap(await allot.balance({ actor: system, orgId, userId })).used).toBe(0);
    expect(await checkInvariants(store, orgId)).toEqual([]);
  });
});

describe('postgres: row locks', () => {
  it('a consume waits for a lock on its own member, never for another member or the pool row', async () => {
    const { allot, orgId, system, userIds } = await fundedOrg(store, { members: 2, allocation: 50 });
    const [alice, bob] = userIds as [string, string];
    const release = deferred();
    const locked = deferred();
    const holder = store.transaction(async (tx) => {
      await tx.lockOrganization({ orgId });
      await tx.lockMember({ orgId, userId: alice });
      locked.resolve();
      await release.promise;
    });
    await locked.promise;
    const consume = async (userId: string) =>
      allot.consume({
        actor: system,
        orgId,
        userId,
        amount: 1,
        idempotencyKey: randomUUID(),
        description: 'job',
      });
    expect(await settlesWithin(consume(bob), 2000)).toBe(true);
    const blocked = consume(alice);
    expect(await settlesWithin(blocked, 300)).toBe(false);
    release.resolve();
    await holder;
    expect(unwrap(await blocked).member.used).toBe(1);
  });

  it('lockIdempotencyKey makes a second caller of the same key wait until the first ends', async () => {
    const { orgId } = await fundedOrg(store, { members: 0, allocation: 0, monthlyPool: 10 });
    const key = randomUUID();
    const release = deferred();
    const locked = deferred();
    const holder = store.transaction(async (tx) => {
      await tx.lockIdempotencyKey({ orgId, key });
      locked.resolve();
      await release.promise;
      await tx.write({
        idempotency: { orgId, key, fingerprint: 'f', result: { n: 1 }, createdAt: new Date().toISOString() },
      });
    });
    await locked.promise;
    const other = store.transaction((tx) => tx.lockIdempotencyKey({ orgId, key: randomUUID() }));
    expect(await settlesWithin(other, 2000)).toBe(true);
    const second = store.transaction((tx) => tx.lockIdempotencyKey({ orgId, key }));
    expect(await settlesWithin(second, 300)).toBe(false);
    release.resolve();
    await holder;
    expect(await second).toMatchObject({ orgId, key, fingerprint: 'f', result: { n: 1 } });
  });

  it('lockIdempotencyKeys locks every key it is given, in one go, and reads their records', async () => {
    const { orgId } = await fundedOrg(store, { members: 0, allocation: 0, monthlyPool: 10 });
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const record = (key: string) => ({
      orgId,
      key,
      fingerprint: `f-${key}`,
      result: { key },
      createdAt: new Date().toISOString(),
    });
    await store.transaction((tx) => tx.write({ idempotency: [record(a)] }));
    const release = deferred();
    const locked = deferred();
    const holder = store.transaction(async (tx) => {
      const seen = await tx.lockIdempotencyKeys({ orgId, keys: [a, b] });
      expect(seen).toEqual([expect.objectContaining({ key: a, result: { key: a } }), null]);
      locked.resolve();
      await release.promise;
      await tx.write({ idempotency: [record(b)] });
    });
    await locked.promise;
    const other = store.transaction((tx) => tx.lockIdempotencyKeys({ orgId, keys: [c] }));
    expect(await settlesWithin(other, 2000)).toBe(true);
    const second = store.transaction((tx) => tx.lockIdempotencyKeys({ orgId, keys: [c, b] }));
    expect(await settlesWithin(second, 300)).toBe(false);
    release.resolve();
    await holder;
    expect(await second).toEqual([null, expect.objectContaining({ key: b, fingerprint: `f-${b}` })]);
  });

  it('a deadlock between two transactions is retried until both commit', async () => {
    const { orgId, userIds } = await fundedOrg(store, { members: 2, allocation: 10 });
    const [a, b] = userIds as [string, string];
    const bothLocked = { count: 0, all: deferred() };
    let attempts = 0;
    const crossLock = (first: string, second: string) =>
      store.transaction(async (tx) => {
        attempts++;
        await tx.lockMember({ orgId, userId: first });
        if (++bothLocked.count === 2) bothLocked.all.resolve();
        await bothLocked.all.promise;
        await tx.lockMember({ orgId, userId: second });
        return first;
      });
    expect(await Promise.all([crossLock(a, b), crossLock(b, a)])).toEqual([a, b]);
    expect(attempts).toBeGreaterThanOrEqual(3);
  }, 20_000);

  it('retries only transient failures, and at most maxAttempts times in all', async () => {
    const bounded = createPostgresStore({ pool: db.pool }, { schema: db.schema, maxAttempts: 3 });
    const failWith = (code: string) => Object.assign(new Error(`simulated ${code}`), { code });
    let tries = 0;
    await expect(
      bounded.transaction(async () => {
        tries++;
        throw failWith('40001');
      }),
    ).rejects.toThrow('simulated 40001');
    expect(tries).toBe(3);
    tries = 0;
    await expect(
      bounded.transaction(async () => {
        tries++;
        throw failWith('23514');
      }),
    ).rejects.toThrow('simulated 23514');
    expect(tries).toBe(1);
  });
});
