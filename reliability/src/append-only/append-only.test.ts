import type { AllotStore } from '@allot/core';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures, tally } from '../support/figures';
import { fundedOrg, journalOf } from '../support/org';
import { must } from '../support/results';
import { openTarget, type Target } from '../support/targets';

const figures = tally();
const started = Date.now();
afterAll(() => recordFigures('append-only', 'sqlite+postgres', figures, Date.now() - started));

/** An organization with a few entries, and its journal as the adapter reads it. */
async function busyJournal(store: AllotStore) {
  const org = await fundedOrg(store, { members: 2, allocation: 50 });
  await must(
    org.allot.consume({ actor: org.system, orgId: org.orgId, userId: 'm0', amount: 5, idempotencyKey: 'a' }),
  );
  return { orgId: org.orgId, before: await journalOf(store, org.orgId) };
}

const COLUMNS = 'org_id, id, seq, at, user_id, type, amount, balance_after, description, actor';

describe('append-only journal on SQLite (raw SQL on the adapter’s file)', () => {
  let target: Target;
  let raw: Database.Database;
  let orgId: string;
  let before: Awaited<ReturnType<typeof journalOf>>;
  beforeAll(async () => {
    target = await openTarget('sqlite');
    ({ orgId, before } = await busyJournal(target.store));
    if (target.spec?.kind !== 'sqlite') throw new Error('expected a SQLite spec');
    raw = new Database(target.spec.filename);
  });
  afterAll(async () => {
    raw?.close();
    await target?.dispose();
  });

  it.each([
    ['UPDATE', 'update allot_journal set amount = 0 where org_id = ?'],
    ['DELETE', 'delete from allot_journal where org_id = ?'],
    [
      'an upsert (INSERT … ON CONFLICT DO UPDATE)',
      `insert into allot_journal (${COLUMNS}) select ${COLUMNS} from allot_journal where org_id = ? on conflict do update set amount = 0`,
    ],
  ])('refuses %s and leaves the journal as it was', async (_name, statement) => {
    figures.faults += 1;
    figures.operations += 1;
    expect(() => raw.prepare(statement).run(orgId)).toThrow(/append-only/);
    expect(await journalOf(target.store, orgId)).toEqual(before);
    figures.invariantChecks += 1;
  });

  // SQLite runs no DELETE trigger for the row REPLACE removes (unless `recursive_triggers` is on):
  // this suite found `INSERT OR REPLACE` rewriting an entry; the SQL adapters now refuse it with a
  // BEFORE INSERT trigger.
  it('refuses INSERT OR REPLACE over an existing entry', async () => {
    figures.faults += 1;
    figures.operations += 1;
    const row = raw
      .prepare('select * from allot_journal where org_id = ? and type = ?')
      .get(orgId, 'usage') as Record<string, unknown>;
    const tampered = { ...row, amount: -1, description: 'tampered' };
    const names = Object.keys(tampered);
    const insert = `insert or replace into allot_journal (${names.join(', ')}) values (${names.map((n) => `@${n}`).join(', ')})`;
    expect(() => raw.prepare(insert).run(tampered)).toThrow(/append-only/);
    expect(await journalOf(target.store, orgId)).toEqual(before);
    figures.invariantChecks += 1;
  });
});

describe('append-only journal on Postgres (raw SQL in the adapter’s schema)', () => {
  let target: Target;
  let client: pg.Client;
  let orgId: string;
  let before: Awaited<ReturnType<typeof journalOf>>;
  beforeAll(async () => {
    target = await openTarget('postgres');
    ({ orgId, before } = await busyJournal(target.store));
    if (target.spec?.kind !== 'postgres') throw new Error('expected a Postgres spec');
    client = new pg.Client({ connectionString: target.spec.url });
    await client.connect();
    await client.query(`set search_path to "${target.spec.schema}"`);
  });
  afterAll(async () => {
    await client?.end();
    await target?.dispose();
  });

  it.each([
    ['UPDATE', 'update journal set amount = 0 where org_id = $1'],
    ['DELETE', 'delete from journal where org_id = $1'],
    [
      'an upsert (INSERT … ON CONFLICT DO UPDATE)',
      `insert into journal (${COLUMNS}) select ${COLUMNS} from journal where org_id = $1 on conflict (org_id, id) do update set amount = 0`,
    ],
    ['TRUNCATE', 'truncate journal'],
  ])('refuses %s and leaves the journal as it was', async (_name, statement) => {
    figures.faults += 1;
    figures.operations += 1;
    const params = statement.includes('$1') ? [orgId] : [];
    await expect(client.query(statement, params)).rejects.toThrow(/append-only/);
    expect(await journalOf(target.store, orgId)).toEqual(before);
    figures.invariantChecks += 1;
  });
});
