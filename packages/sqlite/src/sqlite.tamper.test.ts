import { fundedOrg, unwrap } from '@allot/testkit';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSqliteStore, migrate } from './index';

/** An org whose member has three usages; then the append-only triggers are dropped and `tamper` runs. */
async function tampered(tamper: (db: Database.Database, orgId: string, userId: string) => void) {
  const database = new Database(':memory:');
  await migrate({ database });
  const store = createSqliteStore({ database });
  const { allot, orgId, system, userIds } = await fundedOrg(store, { members: 1, allocation: 100 });
  const userId = userIds[0]!;
  for (const [i, amount] of [5, 6, 7].entries()) {
    unwrap(await allot.consume({ actor: system, orgId, userId, amount, idempotencyKey: `k${i}` }));
  }
  expect(unwrap(await allot.verifyJournal({ actor: system, orgId })).ok).toBe(true);
  for (const trigger of ['allot_journal_no_update', 'allot_journal_no_delete', 'allot_journal_no_replace']) {
    database.exec(`drop trigger ${trigger}`);
  }
  tamper(database, orgId, userId);
  return unwrap(await allot.verifyJournal({ actor: system, orgId }));
}

const usage = `org_id = ? and user_id = ? and type = 'usage'`;

describe('sqlite: tampering behind the adapter shows in verifyJournal', () => {
  it('an edited amount', async () => {
    const result = await tampered((db, orgId, userId) => {
      db.prepare(`update allot_journal set amount = amount - 1 where ${usage} and amount = -6`).run(
        orgId,
        userId,
      );
    });
    expect(result).toMatchObject({ ok: false, broken: { reason: 'hash_mismatch' } });
  });

  it('a deleted entry in the middle of a chain', async () => {
    const result = await tampered((db, orgId, userId) => {
      db.prepare(`delete from allot_journal where ${usage} and amount = -6`).run(orgId, userId);
    });
    expect(result).toMatchObject({ ok: false, broken: { reason: 'sequence_gap' } });
  });

  it('the newest entry deleted (the chain is cut short)', async () => {
    const result = await tampered((db, orgId, userId) => {
      db.prepare(`delete from allot_journal where ${usage} and amount = -7`).run(orgId, userId);
    });
    expect(result).toMatchObject({ ok: false, broken: { reason: 'missing_tail' } });
  });

  it('two entries reordered (their positions swapped)', async () => {
    const result = await tampered((db, orgId, userId) => {
      db.prepare(
        `update allot_journal set seq = case amount when -5 then seq + 1 else seq - 1 end where ${usage} and amount in (-5, -6)`,
      ).run(orgId, userId);
    });
    expect(result).toMatchObject({ ok: false, broken: { reason: 'hash_mismatch' } });
  });
});
