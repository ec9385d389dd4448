import { randomUUID } from 'node:crypto';
import { type AllotEvent, type AllotStore, createAllot } from '@allot/core';
import { isStoreConflict, type OrganizationRecord } from '@allot/core/port';
import { allotMigrationProvider } from '@allot/kysely';
import { checkInvariants, fundedOrg, settlesWithin, unwrap } from '@allot/testkit';
import { Kysely, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
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

/** The tables 0001 created (and whose rows an upgrade must keep readable). */
const V1_TABLES = [
  'organizations',
  'domains',
  'periods',
  'members',
  'requests',
  'journal',
  'idempotency_keys',
];

/** A pool alert event (any event will do: the outbox stores it as it is). */
function testEvent(orgId: string, n: number): AllotEvent {
  return {
    id: `ev-${randomUUID()}`,
    orgId,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, n % 60)).toISOString(),
    type: 'alert.triggered',
    alert: { scope: 'pool', threshold: 'red', limit: 90, usagePercent: 90 + n, used: 90 + n, pool: 100 },
  };
}

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:00:30.000Z';
const T2 = '2026-01-01T00:01:00.000Z';

/** A store on a schema of its own, so its outbox holds only the test's events. */
async function outboxStore(): Promise<{ outbox: AllotStore; schema: string }> {
  const schema = db.newSchema();
  await migrate({ pool: db.pool }, { schema });
  return { outbox: createPostgresStore({ pool: db.pool }, { schema }), schema };
}

describe('postgres: migrate()', () => {
  it('applies the migrations once; running it again changes nothing', async () => {
    const schema = db.newSchema();
    expect(await migrate({ pool: db.pool }, { schema })).toEqual(['0001_initial', '0002_holds_events']);
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
      'holds',
      'idempotency_keys',
      'journal',
      'members',
      'organizations',
      'outbox',
      'periods',
      'requests',
    ]);
  });

  it('runs concurrently from several callers without failing', async () => {
    const schema = db.newSchema();
    const runs = await Promise.all(Array.from({ length: 4 }, () => migrate({ pool: db.pool }, { schema })));
    expect(runs.flat()).toEqual(['0001_initial', '0002_holds_events']);
  });

  it('brings a schema with 0001 data up to 0002: old rows read with the new defaults', async () => {
    // The data: members, usage, a refund and a pending request, written by today's store, then
    // copied (0001's columns only) into a schema migrated to 0001.
    const { allot, orgId, system, admin, userIds } = await fundedOrg(store, { members: 2, allocation: 100 });
    const [alice, bob] = userIds as [string, string];
    const { usage } = unwrap(
      await allot.consume({ actor: system, orgId, userId: alice, amount: 7, idempotencyKey: 'u1' }),
    );
    unwrap(await allot.refund({ actor: system, orgId, usageId: usage.id, amount: 2, idempotencyKey: 'r1' }));
    unwrap(await allot.submitRequest({ actor: system, orgId, userId: bob, amount: 5, message: 'more' }));

    const schema = db.newSchema();
    const migrator = new Migrator({
      db: new Kysely<unknown>({ dialect: new PostgresDialect({ pool: db.pool }) }),
      provider: allotMigrationProvider({ dialect: 'postgres', schema }),
      migrationTableName: 'allot_migrations',
      migrationLockTableName: 'allot_migrations_lock',
      migrationTableSchema: schema,
    });
    expect((await migrator.migrateTo('0001_initial')).error).toBeUndefined();
    for (const name of V1_TABLES) {
      const { rows } = await db.pool.query<{ column_name: string }>(
        'select column_name from information_schema.columns where table_schema = $1 and table_name = $2',
        [schema, name],
      );
      const columns = rows.map((r) => `"${r.column_name}"`).join(', ');
      const keyed = name === 'idempotency_keys' ? '' : ' where org_id = $1';
      await db.pool.query(
        `insert into "${schema}"."${name}" (${columns}) select ${columns} from ${table(name)}${keyed}`,
        keyed ? [orgId] : [],
      );
    }

    expect(await migrate({ pool: db.pool }, { schema })).toEqual(['0002_holds_events']);
    const upgraded = createPostgresStore({ pool: db.pool }, { schema });
    expect(await upgraded.getOrganization({ orgId })).toMatchObject({
      topUps: 0,
      alerts: {},
      memberAlerts: { remainingBelow: null, remainingBelowPercent: 10 },
    });
    expect(await upgraded.getMember({ orgId, userId: alice })).toMatchObject({
      allocated: 100,
      used: 5,
      held: 0,
      holdsExpireAt: null,
      alerts: {},
    });
    const journal = await upgraded.listJournal({ orgId, filter: {}, limit: 100 });
    expect(journal).toEqual(await store.listJournal({ orgId, filter: {}, limit: 100 }));
    expect(journal.every((entry) => entry.holdId === null)).toBe(true);
    expect(await upgraded.memberTotals({ orgId })).toEqual({ used: 5, held: 0, activeMembers: 3 });
    expect(await upgraded.listActiveHolds({ orgId })).toEqual([]);
    expect(await upgraded.listRequests({ orgId, limit: 10 })).toHaveLength(1);
    expect(await checkInvariants(upgraded, orgId)).toEqual([]);

    // The upgraded data takes the new commands, and the pool may now grow past monthly_pool.
    const next = createAllot({ store: upgraded });
    const { hold } = unwrap(
      await next.reserve({ actor: system, orgId, userId: bob, amount: 30, idempotencyKey: 'h1' }),
    );
    unwrap(await next.capture({ actor: system, orgId, holdId: hold.id, amount: 20, idempotencyKey: 'c1' }));
    unwrap(await next.topUp({ actor: system, orgId, amount: 50 }));
    unwrap(await next.assign({ actor: admin, orgId, userId: bob, total: 150 }));
    expect(await upgraded.getMember({ orgId, userId: bob })).toMatchObject({
      allocated: 150,
      used: 20,
      held: 0,
    });
    expect(await upgraded.getOrganization({ orgId })).toMatchObject({
      monthlyPool: 200,
      topUps: 50,
      allocated: 250,
    });
    expect(await checkInvariants(upgraded, orgId)).toEqual([]);
    await next.events.stop();
  });

  it('migrates 0002 down to 0001 and up again without losing 0001 data', async () => {
    const schema = db.newSchema();
    await migrate({ pool: db.pool }, { schema });
    const scoped = createPostgresStore({ pool: db.pool }, { schema });
    const { allot, orgId, userIds } = await fundedOrg(scoped, { members: 1, allocation: 10 });
    await allot.events.stop();
    const migrator = new Migrator({
      db: new Kysely<unknown>({ dialect: new PostgresDialect({ pool: db.pool }) }),
      provider: allotMigrationProvider({ dialect: 'postgres', schema }),
      migrationTableName: 'allot_migrations',
      migrationLockTableName: 'allot_migrations_lock',
      migrationTableSchema: schema,
    });
    const down = await migrator.migrateDown();
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => r.migrationName)).toEqual(['0002_holds_events']);
    const { rows } = await db.pool.query<{ table_name: string; column_name: string }>(
      'select table_name, column_name from information_schema.columns where table_schema = $1',
      [schema],
    );
    const names = rows.map((r) => `${r.table_name}.${r.column_name}`);
    expect(names).not.toContain('organizations.top_ups');
    expect(names).not.toContain('members.held');
    expect(names.some((n) => n.startsWith('holds.') || n.startsWith('outbox.'))).toBe(false);
    await expect(
      db.pool.query(`update "${schema}".organizations set allocated = monthly_pool + 1 where org_id = $1`, [
        orgId,
      ]),
    ).rejects.toThrow(/organizations_allocated_check/);
    expect(await migrate({ pool: db.pool }, { schema })).toEqual(['0002_holds_events']);
    expect(await scoped.getMember({ orgId, userId: userIds[0] as string })).toMatchObject({
      allocated: 10,
      held: 0,
    });
    expect(await checkInvariants(scoped, orgId)).toEqual([]);
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

describe('postgres: the outbox', () => {
  it('claims due events oldest first, leases them, counts attempts; completed events are gone', async () => {
    const { outbox, schema } = await outboxStore();
    const events = Array.from({ length: 5 }, (_, i) => testEvent('acme', i));
    await outbox.transaction((tx) => tx.write({ events: events.slice(0, 3) }));
    await outbox.transaction((tx) => tx.write({ events: events.slice(3) }));

    const first = await outbox.claimEvents({ now: T0, leaseUntil: T1, limit: 3 });
    expect(first).toEqual(
      events.slice(0, 3).map((event) => ({ event, attempts: 1, ref: expect.any(String) })),
    );
    const rest = await outbox.claimEvents({ now: T0, leaseUntil: T1, limit: 10 });
    expect(rest.map((c) => c.event.id)).toEqual(events.slice(3).map((e) => e.id));
    expect(await outbox.claimEvents({ now: T0, leaseUntil: T1, limit: 10 })).toEqual([]);
    await outbox.completeEvents({ refs: first.slice(0, 2).map((c) => c.ref) });
    const again = await outbox.claimEvents({ now: T1, leaseUntil: T2, limit: 10 });
    expect(again.map((c) => [c.event.id, c.attempts])).toEqual(events.slice(2).map((e) => [e.id, 2]));
    await outbox.completeEvents({ refs: again.map((c) => c.ref) });
    const { rows } = await db.pool.query(`select count(*)::int as n from "${schema}".outbox`);
    expect(rows[0].n).toBe(0);
  });

  it('retryEvent makes an event due again later and keeps the error', async () => {
    const { outbox, schema } = await outboxStore();
    const event = testEvent('acme', 1);
    await outbox.transaction((tx) => tx.write({ events: [event] }));
    const claimed = await outbox.claimEvents({ now: T0, leaseUntil: T0, limit: 1 });
    expect(claimed).toHaveLength(1);
    await outbox.retryEvent({ ref: claimed[0]?.ref ?? '', availableAt: T2, error: 'handler failed' });
    expect(await outbox.claimEvents({ now: T1, leaseUntil: T2, limit: 1 })).toEqual([]);
    expect(await outbox.claimEvents({ now: T2, leaseUntil: T2, limit: 1 })).toEqual([
      { event, attempts: 2, ref: expect.any(String) },
    ]);
    const { rows } = await db.pool.query(`select last_error from "${schema}".outbox`);
    expect(rows).toEqual([{ last_error: 'handler failed' }]);
  });

  it('a claim skips events another transaction has locked instead of waiting for them', async () => {
    const { outbox, schema } = await outboxStore();
    const events = Array.from({ length: 4 }, (_, i) => testEvent('acme', i));
    await outbox.transaction((tx) => tx.write({ events }));
    const client = await db.pool.connect();
    try {
      await client.query('begin');
      await client.query(`select position from "${schema}".outbox order by position limit 2 for update`);
      const claiming = outbox.claimEvents({ now: T0, leaseUntil: T1, limit: 10 });
      expect(await settlesWithin(claiming, 2_000)).toBe(true);
      expect((await claiming).map((c) => c.event.id)).toEqual(events.slice(2).map((e) => e.id));
    } finally {
      await client.query('rollback');
      client.release();
    }
    const later = await outbox.claimEvents({ now: T0, leaseUntil: T1, limit: 10 });
    expect(later.map((c) => c.event.id)).toEqual(events.slice(0, 2).map((e) => e.id));
  });

  it('concurrent claimers never get the same event', async () => {
    const { outbox } = await outboxStore();
    const events = Array.from({ length: 300 }, (_, i) => testEvent('acme', i));
    for (let start = 0; start < events.length; start += 50) {
      await outbox.transaction((tx) => tx.write({ events: events.slice(start, start + 50) }));
    }
    const claimer = async () => {
      const ids: string[] = [];
      for (;;) {
        const batch = await outbox.claimEvents({ now: T0, leaseUntil: T1, limit: 4 });
        if (batch.length === 0) return ids;
        expect(batch.every((c) => c.attempts === 1)).toBe(true);
        ids.push(...batch.map((c) => c.event.id));
      }
    };
    const claimed = (await Promise.all(Array.from({ length: 6 }, claimer))).flat();
    expect(claimed).toHaveLength(events.length);
    expect(new Set(claimed).size).toBe(events.length);
  });
});

describe('postgres: round trips', () => {
  it('a consume is six round trips: BEGIN with the key lock, three reads, one write (events too), COMMIT', async () => {
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
    await allot.events.flush(); // the pool-alert checks after fundedOrg's commands
    sent.length = 0;
    const call = { actor: system, orgId, userId: userIds[0] as string, amount: 1, description: 'job' };
    unwrap(await allot.consume({ ...call, idempotencyKey: randomUUID() }));
    await allot.events.flush();
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
      'write members, journal, outbox, idempotency_keys',
      'COMMIT',
      // After commit, outside the transaction: the pool-alert check reads the pool row and the
      // members' totals (no alert fires here, so it writes nothing).
      'select organizations',
      'select members',
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
