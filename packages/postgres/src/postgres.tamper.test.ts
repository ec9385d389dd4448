import type { AllotStore, JournalEntry, JournalHead, JournalVerification } from '@allot/core';
import { GENESIS_HASH, hashEntry } from '@allot/core/port';
import { fundedOrg, unwrap } from '@allot/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore, migrate } from './index';
import { openTestDatabase, type TestDatabase } from './test-database';

const KEY = 'the host secret, kept out of the database';

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

type Sql = [statement: string, params: unknown[]];

/** An org whose two members used credits (m0: 5, 6, 7; m1: 1, 2), with a head saved. */
async function org(journalKey?: string) {
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
  const chain = (userId: string) => store.listJournalChains({ orgId, userId, limit: 1000 });
  return { orgId, m0, m1, verify, head, chain };
}

/** Runs statements in one transaction with the journal's append-only trigger disabled. */
async function behindTheAdapter(statements: (journal: string, members: string) => Sql[]) {
  const journal = `"${db.schema}"."journal"`;
  const client = await db.pool.connect();
  try {
    await client.query('begin');
    await client.query(`alter table ${journal} disable trigger journal_append_only`);
    for (const [statement, params] of statements(journal, `"${db.schema}"."members"`)) {
      await client.query(statement, params);
    }
    await client.query(`alter table ${journal} enable trigger journal_append_only`);
    await client.query('commit');
  } finally {
    client.release();
  }
}

/** The legacy single-break form: three usages of m0, `tamper` run, the first break. */
async function tampered(tamper: (journal: string) => string[]) {
  const { orgId, m0, verify } = await org();
  await behindTheAdapter((j) => tamper(j).map((s): Sql => [s, [orgId, m0]]));
  return verify();
}

const reasons = (v: JournalVerification) => (v.ok ? [] : v.breaks.map((b) => [b.userId, b.reason]));

/** Statements rewriting `entries` from `seq` on (description changed there, every hash recomputed), and the new last hash. */
function rehash(journal: string, orgId: string, entries: JournalEntry[], seq: number): [Sql[], string] {
  const out: Sql[] = [];
  let prev = GENESIS_HASH;
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    const content = e.seq === seq ? { ...e, description: 'rewritten' } : e;
    const hash = e.seq >= seq ? hashEntry(content, prev) : e.hash;
    if (e.seq >= seq) {
      out.push([
        `update ${journal} set description = $1, hash = $2 where org_id = $3 and id = $4`,
        [content.description, hash, orgId, e.id],
      ]);
    }
    prev = hash;
  }
  return [out, prev];
}

const setLastHash = (members: string, hash: string, orgId: string, userId: string): Sql => [
  `update ${members} set last_hash = $1 where org_id = $2 and user_id = $3`,
  [hash, orgId, userId],
];

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

  it('edits in two chains are both reported', async () => {
    const { orgId, m0, m1, verify } = await org();
    await behindTheAdapter((j) =>
      [
        [m0, -6],
        [m1, -1],
      ].map(
        ([userId, amount]): Sql => [
          `update ${j} set amount = amount + 1 where org_id = $1 and user_id = $2 and type = 'usage' and amount = $3`,
          [orgId, userId, amount],
        ],
      ),
    );
    expect(reasons(await verify())).toEqual([
      [m0, 'hash_mismatch'],
      [m1, 'hash_mismatch'],
    ]);
  });

  it('a member row edited against its chain', async () => {
    const { orgId, m1, verify } = await org();
    await behindTheAdapter((_, members) => [
      [`update ${members} set used = used - 3 where org_id = $1 and user_id = $2`, [orgId, m1]],
    ]);
    expect(reasons(await verify())).toEqual([[m1, 'balance_mismatch']]);
  });

  it('a truncation with the member row rolled back to match: caught only by the saved head', async () => {
    const { orgId, m0, verify, head, chain } = await org();
    const previous = (await chain(m0)).at(-2)!;
    await behindTheAdapter((j, members) => [
      [`delete from ${j} where org_id = $1 and user_id = $2 and type = 'usage' and amount = -7`, [orgId, m0]],
      [
        `update ${members} set seq = $1, last_hash = $2, used = used - 7 where org_id = $3 and user_id = $4`,
        [previous.seq, previous.hash, orgId, m0],
      ],
    ]);
    expect(await verify()).toMatchObject({ ok: true });
    expect(reasons(await verify(head))).toEqual([[m0, 'rolled_back']]);
  });

  it('a chain edited and rehashed throughout: caught by the saved head', async () => {
    const { orgId, m0, verify, head, chain } = await org();
    const entries = await chain(m0);
    await behindTheAdapter((j, members) => {
      const [statements, last] = rehash(j, orgId, entries, entries.at(-2)!.seq);
      return [...statements, setLastHash(members, last, orgId, m0)];
    });
    expect(await verify()).toMatchObject({ ok: true });
    expect(reasons(await verify(head))).toEqual([[m0, 'rewritten']]);
  });

  it('with a journal key, a rehash without it is caught with no saved head', async () => {
    const { orgId, m0, verify, chain } = await org(KEY);
    const entries = await chain(m0);
    await behindTheAdapter((j, members) => {
      const [statements, last] = rehash(j, orgId, entries, entries.at(-2)!.seq);
      return [...statements, setLastHash(members, last, orgId, m0)];
    });
    expect(reasons(await verify())).toEqual([
      [m0, 'unkeyed_entry'],
      [m0, 'unkeyed_entry'],
    ]);
  });
});
