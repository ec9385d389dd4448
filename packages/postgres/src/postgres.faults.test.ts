import { randomUUID } from 'node:crypto';
import { type Allot, type AllotStore, actors, createAllot } from '@allot/core';
import { checkInvariants, fundedOrg, unwrap } from '@allot/testkit';
import pg from 'pg';
import { type Cluster, type FaultProxy, startCluster, startFaultProxy } from 'test-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore, migrate } from './index';

// A private cluster of this file (it is killed and restarted here) behind a TCP fault proxy.
let cluster: Cluster;
let proxy: FaultProxy;
let admin: pg.Pool;
let store: AllotStore;
let allot: Allot;
const schema = 'allot_faults';
const system = actors.system();

beforeAll(async () => {
  cluster = await startCluster();
  proxy = await startFaultProxy({ host: '127.0.0.1', port: cluster.port });
  admin = new pg.Pool({ connectionString: cluster.url, max: 2 });
  admin.on('error', () => {});
  await migrate({ pool: admin }, { schema });
  store = createPostgresStore({ connectionString: proxy.url(), poolConfig: { max: 8 } }, { schema });
  allot = createAllot({ store, events: false });
}, 60_000);

afterAll(async () => {
  await store?.close?.();
  await admin?.end();
  await proxy?.close();
  await cluster?.dispose();
});

/** Terminates every backend of the store's pool that sits idle inside a transaction. */
async function terminateIdleInTransaction(): Promise<number> {
  const { rows } = await admin.query<{ pid: number }>(
    `select pid from pg_stat_activity
      where state like 'idle in transaction%' and pid <> pg_backend_pid() and pg_terminate_backend(pid)`,
  );
  return rows.length;
}

async function topUpsOf(orgId: string): Promise<number> {
  return unwrap(await allot.overview({ actor: system, orgId })).topUps;
}

describe('postgres: the database failing under a call', () => {
  it('a backend terminated inside a transaction fails that call typed, never the process, and the store recovers', async () => {
    const { orgId } = await fundedOrg(store, { members: 1, allocation: 10 });
    const failed = store.transaction(async (tx) => {
      await tx.getOrganization({ orgId });
      expect(await terminateIdleInTransaction()).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 200)); // the 'error' event arrives while idle
      return tx.getOrganization({ orgId });
    });
    await expect(failed).rejects.toThrow();
    expect((await allot.overview({ actor: system, orgId })).isOk()).toBe(true);
  });

  it('an export whose backend is terminated mid-stream ends with an error, and the next export completes', async () => {
    const { orgId } = await fundedOrg(store, { members: 200, allocation: 5 }); // 400 entries: two CSV batches
    // Small batches: the export's transaction stays open (idle) between two of them.
    const paged = createPostgresStore(
      { connectionString: proxy.url(), poolConfig: { max: 2 } },
      { schema, exportBatchSize: 5 },
    );
    const exporter = createAllot({ store: paged, events: false });
    const csv = unwrap(await exporter.exportCsv({ actor: system, orgId }));
    const lines = csv[Symbol.asyncIterator]();
    await lines.next(); // the header
    await lines.next(); // the first rows: the cursor's transaction is open
    expect(await terminateIdleInTransaction()).toBe(1);
    await expect(
      (async () => {
        for (;;) if ((await lines.next()).done) return;
      })(),
    ).rejects.toThrow();
    let rows = 0;
    for await (const chunk of unwrap(await allot.exportCsv({ actor: system, orgId })))
      rows += chunk.split('\n').length - 1;
    expect(rows).toBeGreaterThan(400);
  });

  it('unkeyed top-ups whose connection is cut right after COMMIT are answered with their result, applied once', async () => {
    const { orgId } = await fundedOrg(store, { members: 1, allocation: 10 });
    for (let i = 0; i < 10; i++) {
      proxy.cutCommits(1, 'after-commit-sent');
      const result = await allot.topUp({ actor: system, orgId, amount: 7 });
      expect(result.isOk(), result.isErr() ? result.error.message : '').toBe(true);
    }
    expect(await topUpsOf(orgId)).toBe(70);
    expect(await checkInvariants(store, orgId)).toEqual([]);
  });

  it('unkeyed top-ups cut before COMMIT reached the server run once on the retry', async () => {
    const { orgId } = await fundedOrg(store, { members: 1, allocation: 10 });
    for (let i = 0; i < 10; i++) {
      proxy.cutCommits(1, 'before-commit-sent');
      expect(unwrap(await allot.topUp({ actor: system, orgId, amount: 3 })).topUps).toBe(3 * (i + 1));
    }
    expect(await checkInvariants(store, orgId)).toEqual([]);
  });

  it('a keyed consume cut after COMMIT is charged once and answered with its usage', async () => {
    const { orgId, userIds } = await fundedOrg(store, { members: 1, allocation: 100 });
    const userId = userIds[0] as string;
    proxy.cutCommits(1, 'after-commit-sent');
    const call = { actor: system, orgId, userId, amount: 40, idempotencyKey: randomUUID() };
    const used = unwrap(await allot.consume(call));
    expect(unwrap(await allot.consume(call))).toEqual(used);
    expect(unwrap(await allot.balance({ actor: actors.user(orgId, userId), orgId })).used).toBe(40);
  });

  it('a server killed and restarted: calls fail typed while it is down, then succeed, and nothing is lost', async () => {
    const { orgId, userIds } = await fundedOrg(store, { members: 1, allocation: 1000 });
    const userId = userIds[0] as string;
    const acknowledged: string[] = [];
    const codes = new Map<string, number>();
    const consumeOnce = async () => {
      const key = randomUUID();
      const result = await allot.consume({ actor: system, orgId, userId, amount: 1, idempotencyKey: key });
      if (result.isOk()) acknowledged.push(key);
      else codes.set(result.error.code, (codes.get(result.error.code) ?? 0) + 1);
    };
    const load = (async () => {
      for (let i = 0; i < 60; i++) await Promise.all([consumeOnce(), consumeOnce()]);
    })();
    await new Promise((resolve) => setTimeout(resolve, 150));
    await cluster.kill();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await cluster.restart();
    await load;
    for (const code of codes.keys()) expect(['store_unavailable', 'outcome_unknown']).toContain(code);
    const used = unwrap(await allot.balance({ actor: actors.user(orgId, userId), orgId })).used;
    expect(used).toBeGreaterThanOrEqual(acknowledged.length);
    expect(used).toBeLessThanOrEqual(120);
    const { rows } = await admin.query<{ key: string }>(
      `select key from "${schema}".idempotency_keys where org_id = $1`,
      [orgId],
    );
    const stored = new Set(rows.map((r) => r.key));
    expect(acknowledged.filter((key) => !stored.has(key))).toEqual([]);
    expect(await checkInvariants(store, orgId)).toEqual([]);
  }, 60_000);
});
