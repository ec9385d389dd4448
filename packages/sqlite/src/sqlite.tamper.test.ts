import type { JournalEntry, JournalHead, JournalVerification } from '@allot/core';
import { GENESIS_HASH, hashEntry } from '@allot/core/port';
import { fundedOrg, unwrap } from '@allot/testkit';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSqliteStore, migrate } from './index';

const KEY = 'the host secret, kept out of the database';

/**
 * An org whose two members used credits (m0: 5, 6, 7; m1: 1, 2), with a head saved; then the
 * append-only triggers are dropped so rows can be edited as an attacker with file access would.
 */
async function org(journalKey?: string) {
  const database = new Database(':memory:');
  await migrate({ database });
  const store = createSqliteStore({ database });
  const { allot, orgId, system, userIds } = await fundedOrg(store, {
    members: 2,
    allocation: 100,
    ...(journalKey ? { journalKey } : {}),
  });
  const [m0, m1] = userIds as [string, string];
  for (const [userId, amounts] of [
    [m0, [5, 6, 7]],
    [m1, [1, 2]],
  ] as const) {
    for (const amount of amounts) {
      unwrap(
        await allot.consume({ actor: system, orgId, userId, amount, idempotencyKey: `${userId}-${amount}` }),
      );
    }
  }
  const verify = async (head?: JournalHead): Promise<JournalVerification> =>
    unwrap(await allot.verifyJournal({ actor: system, orgId, ...(head ? { head } : {}) }));
  expect(await verify()).toMatchObject({ ok: true });
  const head = unwrap(await allot.journalHead({ actor: system, orgId }));
  for (const trigger of ['allot_journal_no_update', 'allot_journal_no_delete', 'allot_journal_no_replace']) {
    database.exec(`drop trigger ${trigger}`);
  }
  const chain = async (userId: string) => store.listJournalChains({ orgId, userId, limit: 1000 });
  return { database, orgId, m0, m1, verify, head, chain };
}

/** The legacy single-break form: the first break's reason. */
async function tampered(tamper: (db: Database.Database, orgId: string, userId: string) => void) {
  const { database, orgId, m0, verify } = await org();
  tamper(database, orgId, m0);
  return verify();
}

const usage = `org_id = ? and user_id = ? and type = 'usage'`;
const reasons = (v: JournalVerification) => (v.ok ? [] : v.breaks.map((b) => [b.userId, b.reason]));

/** Rewrites `entries` from `seq` on with `description` changed there and every hash recomputed. */
function rehash(db: Database.Database, orgId: string, entries: JournalEntry[], seq: number): string {
  const update = db.prepare('update allot_journal set description = ?, hash = ? where org_id = ? and id = ?');
  let prev = GENESIS_HASH;
  for (const e of entries) {
    const content = e.seq === seq ? { ...e, description: 'rewritten' } : e;
    const hash = e.seq >= seq ? hashEntry(content, prev) : e.hash;
    if (e.seq >= seq) update.run(content.description, hash, orgId, e.id);
    prev = hash;
  }
  return prev;
}

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

  it('edits in two chains are both reported', async () => {
    const { database, orgId, m0, m1, verify } = await org();
    const edit = database.prepare(
      `update allot_journal set amount = amount + 1 where ${usage} and amount = ?`,
    );
    edit.run(orgId, m0, -6);
    edit.run(orgId, m1, -1);
    expect(reasons(await verify())).toEqual([
      [m0, 'hash_mismatch'],
      [m1, 'hash_mismatch'],
    ]);
  });

  it('a member row edited against its chain', async () => {
    const { database, orgId, m1, verify } = await org();
    database
      .prepare('update allot_members set used = used - 3 where org_id = ? and user_id = ?')
      .run(orgId, m1);
    expect(reasons(await verify())).toEqual([[m1, 'balance_mismatch']]);
  });

  it('a truncation with the member row rolled back to match: caught only by the saved head', async () => {
    const { database, orgId, m0, verify, head, chain } = await org();
    const entries = await chain(m0);
    const previous = entries.at(-2)!;
    database.prepare(`delete from allot_journal where ${usage} and amount = -7`).run(orgId, m0);
    database
      .prepare(
        'update allot_members set seq = ?, last_hash = ?, used = used - 7 where org_id = ? and user_id = ?',
      )
      .run(previous.seq, previous.hash, orgId, m0);
    expect(await verify()).toMatchObject({ ok: true });
    expect(reasons(await verify(head))).toEqual([[m0, 'rolled_back']]);
  });

  it('a chain edited and rehashed throughout: caught by the saved head', async () => {
    const { database, orgId, m0, verify, head, chain } = await org();
    const entries = await chain(m0);
    const last = rehash(database, orgId, entries, entries.at(-2)!.seq);
    database
      .prepare('update allot_members set last_hash = ? where org_id = ? and user_id = ?')
      .run(last, orgId, m0);
    expect(await verify()).toMatchObject({ ok: true });
    expect(reasons(await verify(head))).toEqual([[m0, 'rewritten']]);
  });

  it('with a journal key, a rehash without it is caught with no saved head', async () => {
    const { database, orgId, m0, verify, chain } = await org(KEY);
    const entries = await chain(m0);
    const last = rehash(database, orgId, entries, entries.at(-2)!.seq);
    database
      .prepare('update allot_members set last_hash = ? where org_id = ? and user_id = ?')
      .run(last, orgId, m0);
    expect(reasons(await verify())).toEqual([
      [m0, 'unkeyed_entry'],
      [m0, 'unkeyed_entry'],
    ]);
  });
});
