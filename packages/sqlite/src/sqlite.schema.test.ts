import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStoreConflict, type OrganizationRecord } from '@allot/core';
import { checkInvariants, fundedOrg, unwrap } from '@allot/testkit';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore, migrate } from './index';

const dir = mkdtempSync(join(tmpdir(), 'allot-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function memoryStore(tablePrefix?: string) {
  const database = new Database(':memory:');
  await migrate({ database }, { tablePrefix });
  return { database, store: createSqliteStore({ database }, { tablePrefix, exportBatchSize: 4 }) };
}

function tables(database: Database.Database): string[] {
  return database
    .prepare(`select name from sqlite_master where type = 'table' order by name`)
    .all()
    .map((row) => (row as { name: string }).name);
}

describe('sqlite: migrate()', () => {
  it('applies the migrations once; running it again changes nothing', async () => {
    const filename = join(dir, 'migrate.db');
    expect(await migrate({ filename })).toEqual(['0001_initial']);
    expect(await migrate({ filename })).toEqual([]);
    const database = new Database(filename);
    expect(tables(database)).toEqual([
      'allot_domains',
      'allot_idempotency_keys',
      'allot_journal',
      'allot_members',
      'allot_migrations',
      'allot_migrations_lock',
      'allot_organizations',
      'allot_periods',
      'allot_requests',
    ]);
    database.close();
  });

  it('keeps stores with different table prefixes apart in one database', async () => {
    const database = new Database(':memory:');
    expect(await migrate({ database }, { tablePrefix: 'a_' })).toEqual(['0001_initial']);
    expect(await migrate({ database }, { tablePrefix: 'b_' })).toEqual(['0001_initial']);
    const a = createSqliteStore({ database }, { tablePrefix: 'a_' });
    const b = createSqliteStore({ database }, { tablePrefix: 'b_' });
    const { orgId } = await fundedOrg(a, { members: 1, allocation: 5 });
    expect(await a.getOrganization({ orgId })).not.toBeNull();
    expect(await b.getOrganization({ orgId })).toBeNull();
    expect(tables(database).filter((t) => t.endsWith('journal'))).toEqual(['a_journal', 'b_journal']);
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
