import { randomUUID } from 'node:crypto';
import { type AllotStore, isStoreConflict, type OrganizationRecord } from '@allot/core';
import { fundedOrg, unwrap } from '@allot/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore, migrate } from './index';
import { openTestDatabase, type TestDatabase } from './test-database';

let db: TestDatabase;
let store: AllotStore;

beforeAll(async () => {
  db = await openTestDatabase(8);
  await migrate({ pool: db.pool }, { schema: db.schema });
  store = createPostgresStore({ pool: db.pool }, { schema: db.schema, exportBatchSize: 7 });
});

afterAll(async () => {
  await store?.close?.();
  await db?.dispose();
});

const table = (name: string) => `"${db.schema}"."${name}"`;

describe('postgres: migrate()', () => {
  it('applies the migrations once; running it again changes nothing', async () => {
    const schema = db.newSchema();
    expect(await migrate({ pool: db.pool }, { schema })).toEqual(['0001_initial']);
    expect(await migrate({ pool: db.pool }, { schema })).toEqual([]);
    expect(await migrate({ connectionString: db.url }, { schema })).toEqual([]);
    const { rows } = await db.pool.query<{ table_name: string }>(
      'select table_name from information_schema.tables where table_schema = $1 order by table_name',
      [schema],
    );
    expect(rows.map((r) => r.table_name)).toEqual([
      'allot_migrations',
      'allot_migrations_lock',
      'domains',
      'idempotency_keys',
      'journal',
      'members',
      'organizations',
      'periods',
      'requests',
    ]);
  });

  it('runs concurrently from several callers without failing', async () => {
    const schema = db.newSchema();
    const runs = await Promise.all(Array.from({ length: 4 }, () => migrate({ pool: db.pool }, { schema })));
    expect(runs.flat()).toEqual(['0001_initial']);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(migrate({ pool: db.pool }, { schema: 'x"; drop table y; --' })).rejects.toThrow(
      /plain identifier/,
    );
  });
});

describe('postgres: the database enforces the rules', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on the journal', async () => {
    const { orgId } = await fundedOrg(store, { members: 1, allocation: 10 });
    await expect(
      db.pool.query(`update ${table('journal')} set amount = 0 where org_id = $1`, [orgId]),
    ).rejects.toThrow(/append-only/);
    await expect(db.pool.query(`delete from ${table('journal')} where org_id = $1`, [orgId])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.pool.query(`truncate ${table('journal')}`)).rejects.toThrow(/append-only/);
    const { rows } = await db.pool.query(
      `select count(*)::int as n from ${table('journal')} where org_id = $1`,
      [orgId],
    );
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('refuses negative balances and usage above the allocation', async () => {
    const { orgId, userIds } = await fundedOrg(store, { members: 1, allocation: 10 });
    const where = `where org_id = $1 and user_id = $2`;
    await expect(
      db.pool.query(`update ${table('members')} set used = 11 ${where}`, [orgId, userIds[0]]),
    ).rejects.toThrow(/members_balance_check/);
    await expect(
      db.pool.query(`update ${table('members')} set allocated = -1, used = -1 ${where}`, [orgId, userIds[0]]),
    ).rejects.toThrow(/members_balance_check/);
    await expect(
      db.pool.query(`update ${table('organizations')} set allocated = monthly_pool + 1 where org_id = $1`, [
        orgId,
      ]),
    ).rejects.toThrow(/organizations_allocated_check/);
  });

  it('throws a StoreConflict when a write claims a domain another organization holds', async () => {
    const { orgId } = await fundedOrg(store, { members: 0, allocation: 0, monthlyPool: 5 });
    const owner = (await store.getOrganization({ orgId })) as OrganizationRecord;
    const intruder: OrganizationRecord = { ...owner, id: `other-${randomUUID()}`, name: 'Intruder' };
    const error = await store
      .transaction((tx) => tx.write({ organization: intruder }))
      .catch((e: unknown) => e);
    expect(isStoreConflict(error)).toBe(true);
    expect(await store.getOrganization({ orgId: intruder.id })).toBeNull();
    expect((await store.findOrganizationByDomain({ domain: owner.domains[0] as string }))?.id).toBe(orgId);
  });
});

describe('postgres: round trips', () => {
  it('a consume is six round trips: BEGIN with the key lock, three reads, one write, COMMIT', async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    const sent: string[] = [];
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: typeof query }).query = (...args: unknown[]) => {
        const [first] = args;
        sent.push(typeof first === 'string' ? first : (first as { text: string }).text);
        return query(...args);
      };
    });
    const counted = createPostgresStore({ pool }, { schema: db.schema });
    const { allot, orgId, system, userIds } = await fundedOrg(counted, { members: 1, allocation: 10 });
    sent.length = 0;
    const call = { actor: system, orgId, userId: userIds[0] as string, amount: 1, description: 'job' };
    unwrap(await allot.consume({ ...call, idempotencyKey: randomUUID() }));
    const shape = (text: string): string => {
      if (text.startsWith('BEGIN; select pg_advisory_xact_lock(')) return 'BEGIN + key lock';
      const tables = [...text.matchAll(/(?:from|insert into) "[^"]+"\."(\w+)"/g)].map((m) => m[1]);
      if (text.startsWith('select'))
        return `select ${tables.join()}${/ for update$/.test(text) ? ' for update' : ''}`;
      if (text.startsWith('with')) return `write ${tables.join(', ')}`;
      return text;
    };
    expect(sent.map(shape)).toEqual([
      'BEGIN + key lock',
      'select idempotency_keys',
      'select organizations',
      'select members for update',
      'write members, journal, idempotency_keys',
      'COMMIT',
    ]);
    await pool.end();
  });

  it('a transaction whose first statement fails leaves its connection clean', async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    const missing = createPostgresStore({ pool }, { schema: 'allot_no_such_schema' });
    await expect(
      missing.transaction(async (tx) => {
        await tx.lockIdempotencyKey({ orgId: 'o', key: 'k' });
      }),
    ).rejects.toThrow(/does not exist/);
    expect((await pool.query('select txid_current_if_assigned() as tx')).rows[0].tx).toBeNull();
    await expect(missing.transaction((tx) => tx.lockMember({ orgId: 'o', userId: 'u' }))).rejects.toThrow(
      /does not exist/,
    );
    expect((await pool.query('select 1 as one')).rows[0].one).toBe(1);
    await pool.end();
  });
});

describe('postgres: export and lifecycle', () => {
  it('streams the journal in batches through a cursor and returns the client when stopped early', async () => {
    const { allot, orgId, system, userIds } = await fundedOrg(store, { members: 3, allocation: 40 });
    for (const userId of userIds) {
      for (let i = 0; i < 10; i++) {
        unwrap(
          await allot.consume({
            actor: system,
            orgId,
            userId,
            amount: 1,
            idempotencyKey: randomUUID(),
            description: 'j',
          }),
        );
      }
    }
    const streamed = [];
    for await (const entry of store.streamJournal({ orgId, filter: {} })) streamed.push(entry);
    const listed = await store.listJournal({ orgId, filter: {}, limit: 500 });
    expect(streamed).toEqual(listed);
    expect(streamed.length).toBeGreaterThan(30);

    for await (const _entry of store.streamJournal({ orgId, filter: { type: ['usage'] } })) break;
    expect(db.pool.totalCount - db.pool.idleCount).toBe(0);
  });

  it('close() ends a pool it created and leaves a pool it was given open', async () => {
    const own = createPostgresStore({ connectionString: db.url }, { schema: db.schema });
    expect(await own.getOrganization({ orgId: 'nobody' })).toBeNull();
    await own.close?.();
    await expect(own.getOrganization({ orgId: 'nobody' })).rejects.toThrow();

    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    const borrowed = createPostgresStore({ pool }, { schema: db.schema });
    await borrowed.close?.();
    expect((await pool.query('select 1 as one')).rows[0].one).toBe(1);
    await pool.end();
  });
});
