import type { AllotStore } from '@allot/core';
import { fundedOrg, unwrap } from '@allot/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore, migrate } from './index';
import { openTestDatabase, type TestDatabase } from './test-database';

let db: TestDatabase;
let store: AllotStore;

beforeAll(async () => {
  db = await openTestDatabase(4);
  await migrate({ pool: db.pool }, { schema: db.schema });
  store = createPostgresStore({ pool: db.pool }, { schema: db.schema });
});

afterAll(async () => {
  await store?.close?.();
  await db?.dispose();
});

/** An org whose member has three usages, then `tamper` runs with the append-only trigger disabled. */
async function tampered(tamper: (journal: string, orgId: string, userId: string) => string[]) {
  const { allot, orgId, system, userIds } = await fundedOrg(store, { members: 1, allocation: 100 });
  const userId = userIds[0]!;
  for (const [i, amount] of [5, 6, 7].entries()) {
    unwrap(await allot.consume({ actor: system, orgId, userId, amount, idempotencyKey: `k${i}` }));
  }
  expect(unwrap(await allot.verifyJournal({ actor: system, orgId })).ok).toBe(true);
  const journal = `"${db.schema}"."journal"`;
  const client = await db.pool.connect();
  try {
    await client.query('begin');
    await client.query(`alter table ${journal} disable trigger journal_append_only`);
    for (const statement of tamper(journal, orgId, userId)) await client.query(statement, [orgId, userId]);
    await client.query(`alter table ${journal} enable trigger journal_append_only`);
    await client.query('commit');
  } finally {
    client.release();
  }
  return unwrap(await allot.verifyJournal({ actor: system, orgId }));
}

describe('postgres: tampering behind the adapter shows in verifyJournal', () => {
  it('an edited amount', async () => {
    const result = await tampered((j) => [
      `update ${j} set amount = amount - 1 where org_id = $1 and user_id = $2 and type = 'usage' and amount = -6`,
    ]);
    expect(result).toMatchObject({ ok: false, broken: { reason: 'hash_mismatch' } });
  });

  it('a deleted entry in the middle of a chain', async () => {
    const result = await tampered((j) => [
      `delete from ${j} where org_id = $1 and user_id = $2 and type = 'usage' and amount = -6`,
    ]);
    expect(result).toMatchObject({ ok: false, broken: { reason: 'sequence_gap' } });
  });

  it('the newest entry deleted (the chain is cut short)', async () => {
    const result = await tampered((j) => [
      `delete from ${j} where org_id = $1 and user_id = $2 and type = 'usage' and amount = -7`,
    ]);
    expect(result).toMatchObject({ ok: false, broken: { reason: 'missing_tail' } });
  });

  it('two entries reordered (their positions swapped)', async () => {
    const result = await tampered((j) => [
      `update ${j} set seq = -seq where org_id = $1 and user_id = $2 and type = 'usage' and amount in (-5, -6)`,
      `update ${j} set seq = case when amount = -5 then -seq + 1 else -seq - 1 end where org_id = $1 and user_id = $2 and seq < 0`,
    ]);
    expect(result).toMatchObject({ ok: false, broken: { reason: 'hash_mismatch' } });
  });
});
