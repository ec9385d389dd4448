import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type AllotStore, actors, createAllot } from '@allot/core';
import { checkInvariants, deferred, fundedOrg, unwrap } from '@allot/testkit';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore, migrate } from './index';

const dir = mkdtempSync(join(tmpdir(), 'allot-sqlite-same-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function freshFile(): Promise<string> {
  const filename = join(dir, `${randomUUID()}.db`);
  await migrate({ filename });
  return filename;
}

/** `count` consumes of 1 for `userId`, spread over the given Allots in turn, all at once. */
function consumes(allots: ReturnType<typeof createAllot>[], orgId: string, userId: string, count: number) {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      (allots[i % allots.length] as ReturnType<typeof createAllot>).consume({
        actor: actors.system(),
        orgId,
        userId,
        amount: 1,
        idempotencyKey: randomUUID(),
      }),
    ),
  );
}

function tally(results: { isOk(): boolean; isErr(): boolean; _unsafeUnwrapErr(): { code: string } }[]) {
  const out: Record<string, number> = {};
  for (const r of results) {
    const code = r.isOk() ? 'ok' : r._unsafeUnwrapErr().code;
    out[code] = (out[code] ?? 0) + 1;
  }
  return out;
}

// Two stores on one file in one process take turns on one queue. Before, the second store's
// BEGIN IMMEDIATE spun on the busy timeout (5 s) inside a synchronous call while the first store's
// open transaction, on the same blocked event loop, could never commit: the tests' 10 s limit
// would catch that stall.
describe('sqlite: several stores on one file in one process', () => {
  it('concurrent commands on two stores of one file all run, never overspend, and keep the invariants', async () => {
    const filename = await freshFile();
    const a = createSqliteStore({ filename });
    // The same file by another spelling: a relative path through a symlink to the directory.
    const link = join(dir, `link-${randomUUID()}`);
    symlinkSync(dir, link);
    const b = createSqliteStore({
      filename: relative(process.cwd(), join(link, filename.slice(dir.length))),
    });
    try {
      const { allot, orgId, userIds } = await fundedOrg(a, { members: 2, allocation: 60 });
      const other = createAllot({ store: b });
      const [first, second] = userIds as [string, string];
      const [one, two] = await Promise.all([
        consumes([allot, other], orgId, first, 100),
        consumes([other, allot], orgId, second, 70),
      ]);
      expect(tally(one)).toEqual({ ok: 60, insufficient_credits: 40 });
      expect(tally(two)).toEqual({ ok: 60, insufficient_credits: 10 });
      for (const store of [a, b]) {
        expect(await checkInvariants(store, orgId)).toEqual([]);
        expect(await store.getMember({ orgId, userId: first })).toMatchObject({ allocated: 60, used: 60 });
      }
    } finally {
      await Promise.all([a.close?.(), b.close?.()]);
    }
  }, 10_000);

  it('two stores on one handle share it too', async () => {
    const database = new Database(await freshFile());
    const a = createSqliteStore({ database });
    const b = createSqliteStore({ database });
    const { allot, orgId, userIds } = await fundedOrg(a, { members: 1, allocation: 30 });
    const results = await consumes([allot, createAllot({ store: b })], orgId, userIds[0] as string, 40);
    expect(tally(results)).toEqual({ ok: 30, insufficient_credits: 10 });
    await Promise.all([a.close?.(), b.close?.()]);
    expect(database.open).toBe(true); // the caller's handle: never closed by Allot
    database.close();
  }, 10_000);

  it('closing one store waits for nothing of the other and leaves its connection open', async () => {
    const filename = await freshFile();
    const a = createSqliteStore({ filename });
    const b = createSqliteStore({ filename });
    const { allot, orgId, userIds } = await fundedOrg(a, { members: 1, allocation: 50 });
    const userId = userIds[0] as string;
    const onB = createAllot({ store: b });
    const gate = deferred();
    // B holds a transaction open while A closes; A's close takes its turn after it.
    const holding = b.transaction(async (tx) => {
      await tx.lockMember({ orgId, userId });
      await gate.promise;
      return 'held';
    });
    const closing = a.close?.();
    gate.resolve();
    expect(await holding).toBe('held');
    await closing;
    expect(tally(await consumes([onB], orgId, userId, 20))).toEqual({ ok: 20 });
    const afterClose = await allot.consume({
      actor: actors.system(),
      orgId,
      userId,
      amount: 1,
      idempotencyKey: randomUUID(),
    });
    expect(afterClose.isErr() && afterClose.error.code).toBe('store_unavailable');
    // The file can be opened again next to B.
    const again = createSqliteStore({ filename });
    expect(tally(await consumes([onB, createAllot({ store: again })], orgId, userId, 10))).toEqual({
      ok: 10,
    });
    expect(await checkInvariants(b, orgId)).toEqual([]);
    await Promise.all([again.close?.(), b.close?.()]);
  }, 10_000);

  it("a transaction of one store inside another's on the same file is refused at once", async () => {
    const filename = await freshFile();
    const a = createSqliteStore({ filename });
    const b = createSqliteStore({ filename });
    const { orgId } = await fundedOrg(a, { members: 1, allocation: 1 });
    await expect(
      a.transaction(async () => b.transaction(async (tx) => tx.getOrganization({ orgId }))),
    ).rejects.toThrow(/cannot start inside another/);
    // A plain read of the other store inside the transaction runs at once on committed data.
    const read = await a.transaction(async () => (await b.getOrganization({ orgId }))?.id);
    expect(read).toBe(orgId);
    await Promise.all([a.close?.(), b.close?.()]);
  }, 10_000);

  it('migrate() on a file a store of this process is writing takes its turn', async () => {
    const filename = await freshFile();
    const store: AllotStore = createSqliteStore({ filename });
    const { orgId } = await fundedOrg(store, { members: 1, allocation: 1 });
    const gate = deferred();
    const holding = store.transaction(async (tx) => {
      await tx.lockOrganization({ orgId });
      await gate.promise;
    });
    const migrating = migrate({ filename });
    gate.resolve();
    await holding;
    expect(await migrating).toEqual([]);
    unwrap(await createAllot({ store }).overview({ actor: actors.system(), orgId }));
    await store.close?.();
  }, 10_000);
});
