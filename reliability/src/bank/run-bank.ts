import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AllotStore, actors } from '@allot/core';
import { checkInvariants, type InvariantViolation } from '@allot/testkit';
import { startWorker, stopWorker, type Worker } from '../processes/spawn';
import type { Figures } from '../support/figures';
import { fundedOrg } from '../support/org';
import { openSpec, type StoreSpec } from '../support/store-spec';
import type { BankJob, FromWorker, ToWorker, WorkerReport } from './protocol';
import { openSnapshotReader, snapshotProblems } from './snapshot-reader';

const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'bank-worker.ts');

type BankWorker = Worker<ToWorker, FromWorker>;
const isReady = (m: FromWorker): m is Extract<FromWorker, { type: 'ready' }> => m.type === 'ready';
const isEnd = (m: FromWorker): m is Extract<FromWorker, { type: 'done' | 'failed' }> =>
  m.type === 'done' || m.type === 'failed';
const isStatus = (m: FromWorker): m is Extract<FromWorker, { type: 'status' }> => m.type === 'status';

/** When workers overrun their time: what each one still waits on (no answer: its event loop is blocked). */
async function diagnose(workers: BankWorker[]): Promise<string> {
  for (const w of workers) if (w.child.connected) w.send({ type: 'status' });
  const answers = await Promise.allSettled(workers.map((w) => w.next(isStatus, 3000)));
  return answers
    .map((a, i) =>
      a.status === 'fulfilled'
        ? `worker ${a.value.workerId}: ${a.value.operations} operations; in flight:\n    ${a.value.inFlight.join('\n    ') || '(nothing)'}`
        : `worker ${i}: no answer (finished, or its event loop is blocked)`,
    )
    .join('\n  ');
}

/** What a bank run saw and found. */
export interface BankResult {
  reports: WorkerReport[];
  violations: InvariantViolation[];
  /** Problems the reader found in its snapshots (must stay empty). */
  snapshotProblems: string[];
  snapshots: number;
  publicReads: number;
  orgId: string;
  store: AllotStore;
}

/**
 * Runs `jobs` (one worker process each) against one organization of `spec`: all start at once
 * after every process is ready, while this process reads consistent snapshots and the public
 * overview and member list until the last worker reports. Then checks every invariant with the
 * acknowledged writes and refused keys of all workers. The caller closes `result.store`.
 */
export async function runWorkers(
  spec: StoreSpec,
  setup: { members: number; allocation: number; monthlyPool: number },
  jobsFor: (org: { orgId: string; domain: string; userIds: string[] }) => BankJob[],
  figures: Figures,
  /** How long the workers may take in all, once started. */
  limitMs: number,
): Promise<BankResult> {
  const debug = process.env.RELIABILITY_DEBUG
    ? (what: string) => process.stderr.write(`[bank ${new Date().toISOString()}] ${what}\n`)
    : () => {};
  debug('opening');
  const store = openSpec(spec);
  const org = await fundedOrg(store, setup);
  debug('org ready');
  const jobs = jobsFor(org);
  const workers: BankWorker[] = jobs.map(() => startWorker<ToWorker, FromWorker>(WORKER));
  const reader = await openSnapshotReader(spec);
  const problems: string[] = [];
  let snapshots = 0;
  let publicReads = 0;
  try {
    for (const [i, w] of workers.entries()) w.send({ type: 'start', job: jobs[i] as BankJob });
    await Promise.all(workers.map((w) => w.next(isReady)));
    debug('workers ready');
    for (const w of workers) w.send({ type: 'go' });
    const ends = Promise.all(workers.map((w) => w.next(isEnd, limitMs)));
    let finished = false;
    void ends.finally(() => {
      finished = true;
    });

    // The reader: consistent snapshots plus the public reads, until every worker is done.
    while (!finished) {
      problems.push(
        ...snapshotProblems(await reader.read(org.orgId)).map((p) => `snapshot ${snapshots}: ${p}`),
      );
      snapshots += 1;
      // Members first: the pool only grows within a period (top-ups), so the later overview's
      // pool bounds what the list allocates. Both reads expire due holds first.
      const members = await org.allot.members({ actor: actors.system(), orgId: org.orgId, limit: 500 });
      const overview = await org.allot.overview({ actor: actors.system(), orgId: org.orgId });
      publicReads += 2;
      if (overview.isErr() || members.isErr()) {
        problems.push(`public read failed: ${overview.isErr() ? overview.error.message : ''}`);
      } else {
        const o = overview.value;
        if (
          o.pool !== o.monthlyPool + o.topUps ||
          o.allocated > o.pool ||
          o.unallocated !== o.pool - o.allocated ||
          o.used < 0 ||
          o.held < 0
        ) {
          problems.push(`overview inconsistent: ${JSON.stringify(o)}`);
        }
        let allocated = 0;
        for (const m of members.value.items) {
          allocated += m.allocated;
          if (m.used < 0 || m.held < 0 || m.remaining !== m.allocated - m.used - m.held || m.remaining < 0) {
            problems.push(`member row inconsistent: ${JSON.stringify(m)}`);
          }
        }
        if (allocated > o.pool) problems.push(`members list allocates ${allocated} > pool ${o.pool}`);
      }
      if (snapshots % 25 === 0) debug(`snapshot ${snapshots}`);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }

    debug('workers done');
    const ended = await ends.catch(async (error: unknown) => {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n  ${await diagnose(workers)}`,
      );
    });
    const failures = ended.filter((m) => m.type === 'failed');
    if (failures.length > 0) throw new Error(`worker failed:\n${failures.map((f) => f.error).join('\n')}`);
    const reports = ended.flatMap((m) => (m.type === 'done' ? [m.report] : []));
    const violations = await checkInvariants(store, org.orgId, {
      acknowledged: {
        entryIds: reports.flatMap((r) => r.acknowledgedEntryIds),
        idempotencyKeys: reports.flatMap((r) => r.acknowledgedKeys),
      },
      rejectedKeys: reports.flatMap((r) => r.rejectedKeys),
    });
    for (const r of reports) {
      figures.operations += r.operations;
      figures.faults += r.duplicates;
    }
    figures.operations += publicReads;
    figures.invariantChecks += snapshots + 1;
    figures.failures += problems.length + violations.length;
    return {
      reports,
      violations,
      snapshotProblems: problems,
      snapshots,
      publicReads,
      orgId: org.orgId,
      store,
    };
  } finally {
    await reader.close();
    await Promise.all(workers.map(stopWorker));
  }
}
