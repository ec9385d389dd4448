import { randomInt } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AllotStore, createAllot } from '@allot/core';
import { checkInvariants } from '@allot/testkit';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { keyOf } from '../model/calls';
import { entryIdOf } from '../model/decide';
import { execute } from '../model/execute';
import { startWorker, stopWorker } from '../processes/spawn';
import { recordFigures, tally } from '../support/figures';
import { fundedOrg, journalOf } from '../support/org';
import { codeOf } from '../support/results';
import { openSpec, type StoreSpec } from '../support/store-spec';
import type { CrashJob } from './crash-worker';
import { ledgerOf } from './op-log';

const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'crash-worker.ts');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `PRAGMA integrity_check` on a fresh connection to the file. */
function integrity(filename: string): string {
  const db = new Database(filename);
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
  } finally {
    db.close();
  }
}

/**
 * SIGKILLs a worker writing under load at a random moment, `rounds` times. After each kill: the
 * SQLite file passes `integrity_check`, every invariant holds, every acknowledged write is
 * there, no refused key wrote, and each call that was in flight, sent again with its key, has
 * exactly one effect (a replay if it had committed, a first run if not) and replays after that.
 */
export async function crashTest(
  adapter: 'sqlite' | 'postgres',
  spec: StoreSpec,
  rounds: number,
): Promise<void> {
  const started = Date.now();
  const figures = tally();
  const seed = randomInt(2 ** 31);
  const logPath = join(tmpdir(), `allot-crash-${adapter}-${seed}.log`);
  let store: AllotStore | undefined;
  let inFlightTotal = 0;
  let acknowledgedTotal = 0;
  /** In-flight calls whose transaction had committed before the kill (their retry is a replay). */
  let committedUnacknowledged = 0;
  try {
    store = openSpec(spec);
    const org = await fundedOrg(store, { members: 4, allocation: 500, monthlyPool: 4000 });
    await store.close?.();
    store = undefined;

    for (let round = 1; round <= rounds; round++) {
      const worker = startWorker<CrashJob, string>(WORKER);
      const job: CrashJob = {
        spec,
        orgId: org.orgId,
        domain: org.domain,
        userIds: org.userIds,
        logPath,
        round,
        seed: seed + round,
        concurrency: 4,
      };
      worker.send(job);
      await worker.next((m): m is string => m === 'ready');
      await sleep(randomInt(150, 900));
      worker.child.kill('SIGKILL');
      const { signal } = await worker.exited;
      await stopWorker(worker);
      expect(signal, `round ${round}: the worker must die by SIGKILL`).toBe('SIGKILL');
      figures.faults += 1;

      if (spec.kind === 'sqlite') expect(integrity(spec.filename), `round ${round}`).toBe('ok');
      store = openSpec(spec);
      const ledger = ledgerOf(logPath);
      const acked = [...ledger.acked.entries()];
      const acknowledged = {
        entryIds: acked.flatMap(([, a]) => (a.entryId ? [a.entryId] : [])),
        idempotencyKeys: acked.filter(([, a]) => a.wrote).map(([k]) => k),
      };
      const context = `${adapter} crash round ${round} (seed ${seed})`;
      expect(
        await checkInvariants(store, org.orgId, { acknowledged, rejectedKeys: [...ledger.refused] }),
        context,
      ).toEqual([]);
      figures.invariantChecks += 1;

      // Send every in-flight call again with its key: exactly one effect each, then a replay.
      const inFlight = [...ledger.inFlight.values()].filter((c) => keyOf(c)?.startsWith(`r${round}-`));
      inFlightTotal += inFlight.length;
      const real = { allot: createAllot({ store }), orgId: org.orgId, domain: org.domain };
      for (const call of inFlight) {
        const key = keyOf(call) as string;
        const committed = (await journalOf(store, org.orgId)).some((e) => e.idempotencyKey === key);
        if (committed) committedUnacknowledged += 1;
        const first = await execute(real, call);
        const again = await execute(real, call);
        figures.operations += 2;
        expect(codeOf(again), `${context}: ${JSON.stringify(call)}`).toBe(codeOf(first));
        if (first.ok) expect(again).toEqual(first);
        const withKey = (await journalOf(store, org.orgId)).filter((e) => e.idempotencyKey === key);
        const entryId = first.ok ? entryIdOf(call, first.value) : null;
        expect(
          withKey.map((e) => e.id),
          `${context}: entries for in-flight key ${key}`,
        ).toEqual(entryId ? [entryId] : []);
      }
      expect(await checkInvariants(store, org.orgId, { acknowledged }), context).toEqual([]);
      figures.invariantChecks += 1;
      await store.close?.();
      store = undefined;
      acknowledgedTotal = ledger.acked.size;
      figures.operations = ledger.intents.size + inFlightTotal * 2;
    }
    figures.notes = `seed ${seed}; ${rounds} SIGKILLs; ${acknowledgedTotal} acknowledged operations all present; ${inFlightTotal} in-flight operations resubmitted (${committedUnacknowledged} had committed before the kill and replayed), each applied exactly once`;
    expect(inFlightTotal, 'some operations must have been in flight at a kill').toBeGreaterThan(0);
  } catch (error) {
    figures.failures += 1;
    throw error;
  } finally {
    recordFigures('crash', adapter, figures, Date.now() - started);
    await store?.close?.();
    rmSync(logPath, { force: true });
  }
}
