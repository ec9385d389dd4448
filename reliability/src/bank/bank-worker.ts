// A bank-test worker process: opens its own store on the shared database and runs random
// commands against one organization until its time is up, then reports what it saw.
import { actors, createAllot } from '@allot/core';
import type { Call } from '../model/calls';
import { execute, type Real } from '../model/execute';
import { between, oneOf, seededRandom } from '../processes/random';
import { type Outcome, settle } from '../support/results';
import { openSpec } from '../support/store-spec';
import { KeyLog } from './key-log';
import type { BankJob, FromWorker, ToWorker } from './protocol';

const send = (message: FromWorker) => void process.send?.(message);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends a call, retrying with the same key while the store is unavailable (safe: only successes are remembered). */
const inFlight = new Map<number, { call: Call; since: number; attempt: number }>();
let nextFlight = 0;

async function sendCall(real: Real, log: KeyLog, call: Call): Promise<Outcome<unknown>> {
  const flight = nextFlight++;
  for (let attempt = 1; ; attempt++) {
    inFlight.set(flight, { call, since: Date.now(), attempt });
    const since = Date.now();
    const outcome = await execute(real, call).finally(() => inFlight.delete(flight));
    log.slowestMs = Math.max(log.slowestMs, Date.now() - since);
    if (outcome.ok || outcome.error.code !== 'store_unavailable' || attempt >= 20) {
      log.record(call, outcome);
      return outcome;
    }
    log.retries += 1;
    await sleep(5 * attempt);
  }
}

type ConsumeCall = Extract<Call, { kind: 'consume' }>;

/**
 * Sends consumes as one `consumeMany` batch (each event exactly as `execute` sends the consume:
 * same description, so the two share keys), retrying the whole batch while the store is
 * unavailable, and logs each event's outcome as that consume's: a success as what `consume`
 * would have answered, a refusal as its error.
 */
async function sendBatch(real: Real, log: KeyLog, calls: ConsumeCall[]): Promise<Outcome<unknown>[]> {
  const events = calls.map((c) => ({
    userId: c.userId,
    amount: c.amount,
    idempotencyKey: c.key,
    description: 'model run',
  }));
  for (let attempt = 1; ; attempt++) {
    const since = Date.now();
    const outcome = await settle(
      real.allot.consumeMany({ actor: actors.system(), orgId: real.orgId, events }),
    );
    log.slowestMs = Math.max(log.slowestMs, Date.now() - since);
    if (!outcome.ok && outcome.error.code === 'store_unavailable' && attempt < 20) {
      log.retries += 1;
      await sleep(5 * attempt);
      continue;
    }
    const outcomes: Outcome<unknown>[] = outcome.ok
      ? outcome.value.results.map((r) =>
          r.ok ? { ok: true, value: { usage: r.usage, member: r.member } } : { ok: false, error: r.error },
        )
      : calls.map(() => outcome);
    for (const [i, call] of calls.entries()) log.record(call, outcomes[i] as Outcome<unknown>);
    log.batches += 1;
    return outcomes;
  }
}

async function bank(job: Extract<BankJob, { mode: 'bank' }>, real: Real, log: KeyLog): Promise<void> {
  const random = seededRandom(job.seed);
  const usages: { id: string; amount: number }[] = [];
  const requests: { id: string; amount: number }[] = [];
  /** Holds this worker made, plus active ones of other workers it saw in a holds read. */
  const holds: { id: string; amount: number }[] = [];
  const history: Call[] = [];
  let n = 0;
  const key = () => `w${job.workerId}-${n++}`;
  const member = () => oneOf(random, job.userIds);

  function holdCall(r: number): Call {
    const hold = oneOf(random, holds);
    if (r < 0.65) {
      // Full (no amount), partial, or now and then more than the hold (validation).
      const amount = random() < 0.4 ? undefined : between(random, 1, hold.amount + (random() < 0.1 ? 5 : 0));
      return { kind: 'capture', holdId: hold.id, amount, key: key() };
    }
    return { kind: 'release', holdId: hold.id, key: key() };
  }

  function nextCall(): Call {
    const r = random();
    if (r < 0.12 && usages.length > 0) {
      const usage = oneOf(random, usages);
      const amount = random() < 0.5 ? undefined : between(random, 1, usage.amount);
      return { kind: 'refund', usageId: usage.id, amount, key: key() };
    }
    if (r < 0.2) return { kind: 'revoke', userId: member(), amount: between(random, 1, 100), key: key() };
    if (r < 0.28) return { kind: 'assign', userId: member(), total: between(random, 0, 600), key: key() };
    if (r < 0.35) return { kind: 'submit', userId: member(), amount: between(random, 1, 200), key: key() };
    if (r < 0.47 && requests.length > 0) {
      const request = oneOf(random, requests);
      if (r < 0.43) {
        const amount = random() < 0.5 ? undefined : between(random, 1, request.amount);
        return { kind: 'approve', requestId: request.id, amount, key: key() };
      }
      return { kind: 'reject', requestId: request.id, key: key() };
    }
    // Holds of 1–3 s, so some lapse and are expired lazily while others capture or release them.
    if (r < 0.57) {
      const amount = between(random, 1, random() < 0.1 ? 2000 : 120);
      return { kind: 'reserve', userId: member(), amount, ttlSeconds: between(random, 1, 3), key: key() };
    }
    if (r < 0.69 && holds.length > 0) return holdCall((r - 0.57) / 0.12);
    // Every worker's active holds (the read expires the due ones first).
    if (r < 0.71) return { kind: 'read', read: 'holds', onlyActive: true };
    if (r < 0.72) return { kind: 'topUp', amount: between(random, 1, 50), key: key() };
    // Consumes, some of them for more than any balance.
    return {
      kind: 'consume',
      userId: member(),
      amount: between(random, 1, random() < 0.1 ? 2000 : 150),
      key: key(),
    };
  }

  function forget<T extends { id: string }>(list: T[], id: string): void {
    const index = list.findIndex((item) => item.id === id);
    if (index >= 0) list.splice(index, 1);
  }

  function learn(call: Call, outcome: Outcome<unknown>): void {
    if (call.kind === 'consume' && outcome.ok) {
      const usage = (outcome.value as { usage: { id: string } }).usage;
      if (!usages.some((u) => u.id === usage.id)) usages.push({ id: usage.id, amount: call.amount });
    }
    if (call.kind === 'capture' && outcome.ok) {
      const usage = (outcome.value as { usage: { id: string; amount: number } }).usage;
      if (!usages.some((u) => u.id === usage.id)) usages.push({ id: usage.id, amount: -usage.amount });
    }
    if (call.kind === 'submit' && outcome.ok) {
      const request = outcome.value as { id: string };
      if (!requests.some((q) => q.id === request.id)) requests.push({ id: request.id, amount: call.amount });
    }
    if (
      (call.kind === 'approve' || call.kind === 'reject') &&
      (outcome.ok || codeIs(outcome, 'request_not_pending'))
    ) {
      forget(requests, call.requestId);
    }
    if (call.kind === 'reserve' && outcome.ok) {
      const hold = (outcome.value as { hold: { id: string } }).hold;
      if (!holds.some((h) => h.id === hold.id)) holds.push({ id: hold.id, amount: call.amount });
    }
    if (
      (call.kind === 'capture' && (outcome.ok || codeIs(outcome, 'hold_not_active'))) ||
      (call.kind === 'release' && (outcome.ok || codeIs(outcome, 'hold_not_active')))
    ) {
      forget(holds, call.holdId);
    }
    if (call.kind === 'read' && outcome.ok) {
      for (const hold of (outcome.value as { items: { id: string; amount: number }[] }).items) {
        if (!holds.some((h) => h.id === hold.id)) holds.push({ id: hold.id, amount: hold.amount });
      }
    }
  }

  /**
   * 2–8 consumes in one batch: mostly new ones (some members twice), now and then one this
   * worker already sent as a consume or in a batch (a key shared with it: it must replay).
   */
  function batchCalls(): ConsumeCall[] {
    const calls = new Map<string, ConsumeCall>();
    const sent = history.filter((c): c is ConsumeCall => c.kind === 'consume');
    for (let i = between(random, 2, 8); i > 0; i--) {
      const call =
        sent.length > 0 && random() < 0.15
          ? oneOf(random, sent)
          : ({
              kind: 'consume',
              userId: member(),
              amount: between(random, 1, random() < 0.1 ? 2000 : 150),
              key: key(),
            } as const);
      calls.set(call.key, call);
    }
    return [...calls.values()];
  }

  async function operateBatch(): Promise<void> {
    const calls = batchCalls();
    history.push(...calls);
    if (random() < job.duplicateRate) {
      // The same batch twice at once: every event's successes must agree.
      log.duplicates += 1;
      log.concurrentDuplicates += 1;
      const [a, b] = await Promise.all([sendBatch(real, log, calls), sendBatch(real, log, calls)]);
      calls.forEach((call, i) => {
        learn(call, a[i] as Outcome<unknown>);
        learn(call, b[i] as Outcome<unknown>);
      });
      return;
    }
    const outcomes = await sendBatch(real, log, calls);
    for (const [i, call] of calls.entries()) learn(call, outcomes[i] as Outcome<unknown>);
  }

  async function operate(): Promise<void> {
    if (job.batchRate > 0 && random() < job.batchRate) {
      await operateBatch();
      return;
    }
    if (random() < job.duplicateRate) {
      log.duplicates += 1;
      if (history.length > 0 && random() < 0.5) {
        const again = oneOf(random, history);
        learn(again, await sendCall(real, log, again));
        return;
      }
      log.concurrentDuplicates += 1;
      const call = nextCall();
      history.push(call);
      const [a, b] = await Promise.all([sendCall(real, log, call), sendCall(real, log, call)]);
      learn(call, a);
      learn(call, b);
      return;
    }
    const call = nextCall();
    history.push(call);
    learn(call, await sendCall(real, log, call));
  }

  const deadline = Date.now() + job.durationMs;
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (Date.now() < deadline) await operate();
    }),
  );
}

function codeIs(outcome: Outcome<unknown>, code: string): boolean {
  return !outcome.ok && outcome.error.code === code;
}

async function hot(job: Extract<BankJob, { mode: 'hot' }>, real: Real, log: KeyLog): Promise<void> {
  await Promise.all(
    Array.from({ length: job.count }, (_, i) =>
      sendCall(real, log, {
        kind: 'consume',
        userId: job.userId,
        amount: 1,
        key: `hot-${job.workerId}-${i}`,
      }),
    ),
  );
}

let ready: { job: BankJob; store: ReturnType<typeof openSpec>; real: Real } | undefined;
let activeLog: KeyLog | undefined;

function inFlightNow(): string[] {
  return [...inFlight.values()].map(
    (f) => `${JSON.stringify(f.call)} (attempt ${f.attempt}, ${Date.now() - f.since} ms)`,
  );
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'status') {
    send({
      type: 'status',
      workerId: ready?.job.workerId ?? -1,
      operations: activeLog?.operations ?? 0,
      inFlight: inFlightNow(),
    });
    return;
  }
  if (message.type === 'start') {
    const store = openSpec(message.job.spec);
    const real: Real = {
      allot: createAllot({ store }),
      orgId: message.job.orgId,
      domain: message.job.domain,
    };
    ready = { job: message.job, store, real };
    send({ type: 'ready' });
    return;
  }
  if (!ready) return;
  const { job, store, real } = ready;
  const log = new KeyLog(job.workerId);
  activeLog = log;
  if (process.env.RELIABILITY_DEBUG) process.stderr.write(`[worker ${job.workerId}] go\n`);
  (job.mode === 'bank' ? bank(job, real, log) : hot(job, real, log))
    .then(
      (): FromWorker => {
        if (process.env.RELIABILITY_DEBUG) process.stderr.write(`[worker ${job.workerId}] done\n`);
        return { type: 'done', report: log.report() };
      },
      (error: unknown): FromWorker => ({
        type: 'failed',
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
    )
    .then(async (message) => {
      await store.close?.();
      // Disconnect only once the (large) report has gone out, or it may be cut off.
      process.send?.(message, () => process.disconnect?.());
    });
});
