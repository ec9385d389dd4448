import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AllotEvent, type AllotStore, createAllot } from '@allot/core';
import { isStoreConflict, type OrganizationRecord } from '@allot/core/port';
import { allotMigrationProvider } from '@allot/kysely';
import { checkInvariants, fundedOrg, unwrap } from '@allot/testkit';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore, migrate } from './index';

const dir = mkdtempSync(join(tmpdir(), 'allot-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function memoryStore(tablePrefix?: string) {
  const database = new Database(':memory:');
  await migrate({ database }, { tablePrefix });
  return { database, store: createSqliteStore({ database }, { tablePrefix, exportBatchSize: 4 }) };
}

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

function tables(database: Database.Database): string[] {
  return database
    .prepare(`select name from sqlite_master where type = 'table' order by name`)
    .all()
    .map((row) => (row as { name: string }).name);
}

describe('sqlite: migrate()', () => {
  it('applies the migrations once; running it again changes nothing', async () => {
    const filename = join(dir, 'migrate.db');
    expect(await migrate({ filename })).toEqual(['0001_initial', '0002_holds_events']);
    expect(await migrate({ filename })).toEqual([]);
    const database = new Database(filename);
    expect(tables(database)).toEqual([
      'allot_domains',
      'allot_holds',
      'allot_idempotency_keys',
      'allot_journal',
      'allot_members',
      'allot_migrations',
      'allot_migrations_lock',
      'allot_organizations',
      'allot_outbox',
      'allot_periods',
      'allot_requests',
    ]);
    database.close();
  });

  it('keeps stores with different table prefixes apart in one database', async () => {
    const database = new Database(':memory:');
    expect(await migrate({ database }, { tablePrefix: 'a_' })).toEqual(['0001_initial', '0002_holds_events']);
    expect(await migrate({ database }, { tablePrefix: 'b_' })).toEqual(['0001_initial', '0002_holds_events']);
    const a = createSqliteStore({ database }, { tablePrefix: 'a_' });
    const b = createSqliteStore({ database }, { tablePrefix: 'b_' });
    const { orgId } = await fundedOrg(a, { members: 1, allocation: 5 });
    expect(await a.getOrganization({ orgId })).not.toBeNull();
    expect(await b.getOrganization({ orgId })).toBeNull();
    expect(tables(database).filter((t) => t.endsWith('journal'))).toEqual(['a_journal', 'b_journal']);
  });

  it('brings a database with 0001 data up to 0002: old rows read with the new defaults', async () => {
    // The data: members, usage, a refund and a pending request, written by today's store, then
    // copied (0001's columns only) into a database migrated to 0001.
    const sourceFile = join(dir, 'upgrade-source.db');
    await migrate({ filename: sourceFile });
    const source = createSqliteStore({ filename: sourceFile });
    const { allot, orgId, system, admin, userIds } = await fundedOrg(source, { members: 2, allocation: 100 });
    const [alice, bob] = userIds as [string, string];
    const { usage } = unwrap(
      await allot.consume({ actor: system, orgId, userId: alice, amount: 7, idempotencyKey: 'u1' }),
    );
    unwrap(await allot.refund({ actor: system, orgId, usageId: usage.id, amount: 2, idempotencyKey: 'r1' }));
    unwrap(await allot.submitRequest({ actor: system, orgId, userId: bob, amount: 5, message: 'more' }));
    await allot.events.stop();
    await source.close?.();

    const database = new Database(join(dir, 'upgrade.db'));
    const migrator = new Migrator({
      db: new Kysely<unknown>({ dialect: new SqliteDialect({ database }) }),
      provider: allotMigrationProvider({ dialect: 'sqlite', tablePrefix: 'allot_' }),
      migrationTableName: 'allot_migrations',
      migrationLockTableName: 'allot_migrations_lock',
    });
    expect((await migrator.migrateTo('0001_initial')).error).toBeUndefined();
    database.prepare('attach database ? as source').run(sourceFile);
    for (const table of V1_TABLES) {
      const columns = database
        .prepare(`select name from pragma_table_info('allot_${table}')`)
        .all()
        .map((row) => (row as { name: string }).name)
        .join(', ');
      database.exec(`insert into allot_${table} (${columns}) select ${columns} from source.allot_${table}`);
    }
    database.exec('detach database source');
    expect(tables(database)).not.toContain('allot_holds');

    expect(await migrate({ database })).toEqual(['0002_holds_events']);
    const store = createSqliteStore({ database });
    expect(await store.getOrganization({ orgId })).toMatchObject({
      topUps: 0,
      alerts: {},
      memberAlerts: { remainingBelow: null, remainingBelowPercent: 10 },
    });
    expect(await store.getMember({ orgId, userId: alice })).toMatchObject({
      allocated: 100,
      used: 5,
      held: 0,
      holdsExpireAt: null,
      alerts: {},
    });
    const journal = await store.listJournal({ orgId, filter: {}, limit: 100 });
    expect(journal.length).toBeGreaterThan(0);
    expect(journal.every((entry) => entry.holdId === null)).toBe(true);
    expect(await store.memberTotals({ orgId })).toEqual({ used: 5, held: 0, activeMembers: 3 });
    expect(await store.listActiveHolds({ orgId })).toEqual([]);
    expect(await store.listRequests({ orgId, limit: 10 })).toHaveLength(1);
    expect(await checkInvariants(store, orgId)).toEqual([]);

    // The upgraded data takes the new commands, and the pool may now grow past monthly_pool.
    const next = createAllot({ store });
    const { hold } = unwrap(
      await next.reserve({ actor: system, orgId, userId: bob, amount: 30, idempotencyKey: 'h1' }),
    );
    unwrap(await next.capture({ actor: system, orgId, holdId: hold.id, amount: 20, idempotencyKey: 'c1' }));
    unwrap(await next.topUp({ actor: system, orgId, amount: 50 }));
    unwrap(await next.assign({ actor: admin, orgId, userId: bob, total: 150 }));
    expect(await store.getMember({ orgId, userId: bob })).toMatchObject({
      allocated: 150,
      used: 20,
      held: 0,
    });
    expect(await store.getOrganization({ orgId })).toMatchObject({
      monthlyPool: 200,
      topUps: 50,
      allocated: 250,
    });
    expect(await checkInvariants(store, orgId)).toEqual([]);
    await next.events.stop();
    await store.close?.();
    database.close();
  });

  it('migrates 0002 down to 0001 and up again without losing 0001 data', async () => {
    const database = new Database(':memory:');
    await migrate({ database });
    const store = createSqliteStore({ database });
    const { allot, orgId, userIds } = await fundedOrg(store, { members: 1, allocation: 10 });
    await allot.events.stop();
    const migrator = new Migrator({
      db: new Kysely<unknown>({ dialect: new SqliteDialect({ database }) }),
      provider: allotMigrationProvider({ dialect: 'sqlite', tablePrefix: 'allot_' }),
      migrationTableName: 'allot_migrations',
      migrationLockTableName: 'allot_migrations_lock',
    });
    const down = await migrator.migrateDown();
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => r.migrationName)).toEqual(['0002_holds_events']);
    expect(tables(database)).not.toContain('allot_holds');
    const columns = (table: string) =>
      database
        .prepare(`select name from pragma_table_info('${table}')`)
        .all()
        .map((row) => (row as { name: string }).name);
    expect(columns('allot_organizations')).not.toContain('top_ups');
    expect(columns('allot_members')).not.toContain('held');
    expect(() =>
      database
        .prepare('update allot_organizations set allocated = monthly_pool + 1 where org_id = ?')
        .run(orgId),
    ).toThrow(/CHECK constraint failed/);
    expect(await migrate({ database })).toEqual(['0002_holds_events']);
    expect(await store.getMember({ orgId, userId: userIds[0] as string })).toMatchObject({
      allocated: 10,
      held: 0,
    });
    expect(await checkInvariants(store, orgId)).toEqual([]);
  });

  it('refuses a table prefix that is not letters, digits and underscores', async () => {
    await expect(migrate({ filename: ':memory:' }, { tablePrefix: 'x"; --' })).rejects.toThrow(/tablePrefix/);
  });
});

describe('sqlite: the database enforces the rules', () => {
  it('refuses UPDATE and DELETE on the journal', async () => {
    const { database, store } = await memoryStore();
    await fundedOrg(store, { members: 1, allocation: 10 });
    expect(() => database.prepare('update allot_journal set amount = 0').run()).toThrow(/append-only/);
    expect(() => database.prepare('delete from allot_journal').run()).toThrow(/append-only/);
    expect(database.prepare('select count(*) as n from allot_journal').get()).toMatchObject({ n: 4 });
  });

  it('refuses INSERT OR REPLACE over an existing journal entry (REPLACE skips delete triggers)', async () => {
    const { database, store } = await memoryStore();
    await fundedOrg(store, { members: 1, allocation: 10 });
    const row = database.prepare(`select * from allot_journal where type = 'allocation'`).get() as Record<
      string,
      unknown
    >;
    const columns = Object.keys(row);
    const replace = database.prepare(
      `insert or replace into allot_journal (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
    );
    expect(() => replace.run({ ...row, amount: 999, description: 'tampered' })).toThrow(/append-only/);
    expect(database.prepare(`select amount from allot_journal where id = ?`).get(row.id)).toEqual({
      amount: row.amount,
    });
  });

  it('refuses negative balances and usage above the allocation', async () => {
    const { database, store } = await memoryStore();
    const { orgId, userIds } = await fundedOrg(store, { members: 1, allocation: 10 });
    const update = (set: string) =>
      database
        .prepare(`update allot_members set ${set} where org_id = ? and user_id = ?`)
        .run(orgId, userIds[0]);
    expect(() => update('used = 11')).toThrow(/CHECK constraint failed/);
    expect(() => update('allocated = -1, used = -1')).toThrow(/CHECK constraint failed/);
  });

  it('throws a StoreConflict when a write claims a domain another organization holds', async () => {
    const { store } = await memoryStore();
    const { orgId } = await fundedOrg(store, { members: 0, allocation: 0, monthlyPool: 5 });
    const owner = (await store.getOrganization({ orgId })) as OrganizationRecord;
    const intruder: OrganizationRecord = { ...owner, id: `other-${randomUUID()}` };
    const error = await store
      .transaction((tx) => tx.write({ organization: intruder }))
      .catch((e: unknown) => e);
    expect(isStoreConflict(error)).toBe(true);
    expect(await store.getOrganization({ orgId: intruder.id })).toBeNull();
  });
});

describe('sqlite: connections and transactions', () => {
  it('opens files in WAL mode with a busy timeout', async () => {
    const filename = join(dir, 'wal.db');
    await migrate({ filename });
    const database = new Database(filename);
    const store = createSqliteStore({ database }, { busyTimeoutMs: 1234 });
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.pragma('busy_timeout', { simple: true })).toBe(1234);
    await store.close?.();
    expect(database.open).toBe(true);
    database.close();
  });

  it('other processes on the same file wait for the write lock and never overspend', async () => {
    const filename = join(dir, 'shared.db');
    await migrate({ filename });
    const store = createSqliteStore({ filename });
    const { orgId, userIds } = await fundedOrg(store, { members: 1, allocation: 50 });
    await store.close?.();
    const succeeded = await Promise.all(
      [0, 1, 2].map(() => consumeInChildProcess(filename, orgId, userIds[0] as string, 15)),
    );
    expect(succeeded.reduce((a, b) => a + b, 0)).toBe(25);
    const after = createSqliteStore({ filename });
    expect(await checkInvariants(after, orgId)).toEqual([]);
    expect((await after.getMember({ orgId, userId: userIds[0] as string }))?.used).toBe(50);
    await after.close?.();
  }, 60_000);

  it('reads outside a transaction wait for it and see only committed data', async () => {
    const { store } = await memoryStore();
    const { orgId, userIds } = await fundedOrg(store, { members: 1, allocation: 10 });
    const userId = userIds[0] as string;
    let inside = 0;
    const tx = store.transaction(async (t) => {
      const member = await t.lockMember({ orgId, userId });
      if (!member) throw new Error('member missing');
      await t.write({ members: [{ ...member, used: 7 }] });
      inside = (await store.getMember({ orgId, userId }))?.used ?? -1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('roll back');
    });
    const outside = store.getMember({ orgId, userId });
    await expect(tx).rejects.toThrow('roll back');
    expect(inside).toBe(7);
    expect((await outside)?.used).toBe(0);
  });

  it('refuses to start a transaction inside another one', async () => {
    const { store } = await memoryStore();
    await expect(store.transaction(() => store.transaction(async () => 1))).rejects.toThrow(/inside another/);
  });

  it('streams the export in keyset batches while writes run between them', async () => {
    const { store } = await memoryStore();
    const { allot, orgId, system, userIds } = await fundedOrg(store, { members: 2, allocation: 20 });
    const consume = (userId: string) =>
      allot.consume({
        actor: system,
        orgId,
        userId,
        amount: 1,
        idempotencyKey: randomUUID(),
        description: 'j',
      });
    for (let i = 0; i < 9; i++) for (const userId of userIds) unwrap(await consume(userId));
    const before = await store.listJournal({ orgId, filter: {}, limit: 500 });
    const streamed = [];
    for await (const entry of store.streamJournal({ orgId, filter: {} })) {
      if (streamed.length % 5 === 0) unwrap(await consume(userIds[0] as string));
      streamed.push(entry);
    }
    expect(streamed).toEqual(before);
  });
});

/** A pool alert event (any event will do: the outbox stores it as it is). */
function testEvent(orgId: string, n: number): AllotEvent {
  return {
    id: `ev-${randomUUID()}`,
    orgId,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    type: 'alert.triggered',
    alert: { scope: 'pool', threshold: 'red', limit: 90, usagePercent: 90 + n, used: 90 + n, pool: 100 },
  };
}

async function appendEvents(store: AllotStore, events: AllotEvent[]): Promise<void> {
  await store.transaction((tx) => tx.write({ events }));
}

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:00:30.000Z';
const T2 = '2026-01-01T00:01:00.000Z';

describe('sqlite: the outbox', () => {
  it('claims due events oldest first, leases them, counts attempts; completed events are gone', async () => {
    const { database, store } = await memoryStore();
    const events = Array.from({ length: 5 }, (_, i) => testEvent('acme', i));
    await appendEvents(store, events.slice(0, 3));
    await appendEvents(store, events.slice(3));

    const first = await store.claimEvents({ now: T0, leaseUntil: T1, limit: 3 });
    expect(first).toEqual(
      events.slice(0, 3).map((event) => ({ event, attempts: 1, ref: expect.any(String) })),
    );
    const rest = await store.claimEvents({ now: T0, leaseUntil: T1, limit: 10 });
    expect(rest.map((c) => c.event.id)).toEqual(events.slice(3).map((e) => e.id));
    // Leased until T1: nobody else gets them before, anybody after.
    expect(await store.claimEvents({ now: T0, leaseUntil: T1, limit: 10 })).toEqual([]);
    await store.completeEvents({ refs: first.slice(0, 2).map((c) => c.ref) });
    const again = await store.claimEvents({ now: T1, leaseUntil: T2, limit: 10 });
    expect(again.map((c) => [c.event.id, c.attempts])).toEqual(events.slice(2).map((e) => [e.id, 2]));
    await store.completeEvents({ refs: again.map((c) => c.ref) });
    expect(database.prepare('select count(*) as n from allot_outbox').get()).toEqual({ n: 0 });
    expect(await store.claimEvents({ now: '9999-12-31T00:00:00.000Z', leaseUntil: T2, limit: 10 })).toEqual(
      [],
    );
  });

  it('a late complete or retry after the row was deleted and its position reused leaves the new event alone', async () => {
    const { store } = await memoryStore();
    const [first, second] = [testEvent('acme', 1), testEvent('acme', 2)];
    await appendEvents(store, [first]);
    const [stale] = await store.claimEvents({ now: T0, leaseUntil: T0, limit: 1 });
    // The lease ran out; another dispatcher claimed the event again, delivered and completed it.
    const [again] = await store.claimEvents({ now: T1, leaseUntil: T2, limit: 1 });
    await store.completeEvents({ refs: [again?.ref ?? ''] });
    await appendEvents(store, [second]);
    const [next] = await store.claimEvents({ now: T0, leaseUntil: T0, limit: 1 });
    // SQLite gave the deleted last position to the next insert.
    expect(next?.ref.split(':')[0]).toBe(stale?.ref.split(':')[0]);

    // The first dispatcher finishes late: neither its retry nor its complete touches `second`.
    await store.retryEvent({ ref: stale?.ref ?? '', availableAt: T2, error: 'late' });
    await store.completeEvents({ refs: [stale?.ref ?? ''] });
    expect(await store.claimEvents({ now: T1, leaseUntil: T2, limit: 10 })).toEqual([
      { event: second, attempts: 2, ref: next?.ref },
    ]);
  });

  it('retryEvent makes an event due again later and keeps the error', async () => {
    const { database, store } = await memoryStore();
    const [event] = [testEvent('acme', 1)] as [AllotEvent];
    await appendEvents(store, [event]);
    const claimed = await store.claimEvents({ now: T0, leaseUntil: T0, limit: 1 });
    expect(claimed).toHaveLength(1);
    await store.retryEvent({ ref: claimed[0]?.ref ?? '', availableAt: T2, error: 'handler failed' });
    expect(await store.claimEvents({ now: T1, leaseUntil: T2, limit: 1 })).toEqual([]);
    expect(await store.claimEvents({ now: T2, leaseUntil: T2, limit: 1 })).toEqual([
      { event, attempts: 2, ref: expect.any(String) },
    ]);
    expect(database.prepare('select last_error from allot_outbox').get()).toEqual({
      last_error: 'handler failed',
    });
  });

  it('claimers in other processes on the same file never get the same event', async () => {
    const filename = join(dir, 'outbox.db');
    await migrate({ filename });
    const store = createSqliteStore({ filename });
    const events = Array.from({ length: 600 }, (_, i) => testEvent('acme', i));
    for (let start = 0; start < events.length; start += 100) {
      await appendEvents(store, events.slice(start, start + 100));
    }
    await store.close?.();
    const startAt = Date.now() + 3_000;
    const byProcess = await Promise.all([0, 1, 2].map(() => claimInChildProcess(filename, T0, T1, startAt)));
    const claimed = byProcess.flat();
    expect(claimed).toHaveLength(events.length);
    expect([...claimed].sort()).toEqual(events.map((e) => e.id).sort());
  }, 60_000);
});

/** Runs test-consumer-process.ts in its own Node process (its own SQLite connection). */
function consumeInChildProcess(
  filename: string,
  orgId: string,
  userId: string,
  count: number,
): Promise<number> {
  const script = fileURLToPath(new URL('./test-consumer-process.ts', import.meta.url));
  const args = [
    '--import',
    'tsx',
    '--conditions=@allot/source',
    script,
    filename,
    orgId,
    userId,
    String(count),
  ];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: dirname(script) }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(Number(stdout.trim()));
    });
  });
}

/** Runs test-claimer-process.ts in its own Node process; resolves to the ids it claimed. */
function claimInChildProcess(
  filename: string,
  now: string,
  leaseUntil: string,
  startAt: number,
): Promise<string[]> {
  const script = fileURLToPath(new URL('./test-claimer-process.ts', import.meta.url));
  const args = ['--import', 'tsx', '--conditions=@allot/source', script, filename, now, leaseUntil];
  args.push(String(startAt));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: dirname(script) }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as string[]);
    });
  });
}
