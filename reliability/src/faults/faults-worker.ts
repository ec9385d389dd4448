// A fault-test worker: keyed consumes and unkeyed top-ups through the fault proxy until its time
// is up, retrying a call that failed with a store error (a consume with the same key; a top-up
// that wrote nothing — store_unavailable — afresh, with the same tag so a double would show).
import { type AllotError, actors, createAllot } from '@allot/core';
import { createPostgresStore } from '@allot/postgres';
import type { FaultJob, FaultReport } from './protocol';

const STORE_CODES = new Set(['store_unavailable', 'outcome_unknown']);

process.once('message', async (job: FaultJob) => {
  const store = createPostgresStore(
    { connectionString: job.url, poolConfig: { max: 4, connectionTimeoutMillis: 2_000 } },
    { schema: job.schema },
  );
  const allot = createAllot({ store, events: false });
  const system = actors.system();
  const report: FaultReport = {
    kind: 'report',
    calls: 0,
    consumed: [],
    toppedUp: [],
    unknownTopUps: [],
    codes: {},
    untyped: [],
  };
  const seen = (error: AllotError) => {
    report.codes[error.code] = (report.codes[error.code] ?? 0) + 1;
    if (!STORE_CODES.has(error.code)) report.untyped.push(`${error.code}: ${error.message}`);
  };
  const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
  const deadline = Date.now() + job.durationMs;

  async function consume(n: number): Promise<void> {
    const key = `w${job.worker}-c${n}`;
    const userId = job.userIds[n % job.userIds.length] as string;
    for (let tries = 0; tries < 40; tries++) {
      report.calls++;
      const result = await allot.consume({
        actor: system,
        orgId: job.orgId,
        userId,
        amount: 1,
        idempotencyKey: key,
      });
      if (result.isOk()) return void report.consumed.push(key);
      seen(result.error);
      if (!STORE_CODES.has(result.error.code)) return;
      await pause();
    }
  }

  async function topUp(n: number): Promise<void> {
    const tag = `w${job.worker}-t${n}`;
    for (let tries = 0; tries < 40; tries++) {
      report.calls++;
      const result = await allot.topUp({ actor: system, orgId: job.orgId, amount: 1, reason: tag });
      if (result.isOk()) return void report.toppedUp.push(tag);
      seen(result.error);
      if (result.error.code === 'outcome_unknown') return void report.unknownTopUps.push(tag);
      if (result.error.code !== 'store_unavailable') return;
      await pause(); // it wrote nothing: running it again must not double it
    }
  }

  try {
    for (let n = 0; Date.now() < deadline; n++) await (n % 4 === 3 ? topUp(n) : consume(n));
  } catch (error) {
    report.untyped.push(`thrown: ${error instanceof Error ? error.stack : String(error)}`);
  }
  await store.close?.();
  process.send?.(report, () => process.exit(0));
});

process.on('uncaughtException', (error) => {
  process.stderr.write(`faults worker crashed: ${error.stack ?? error}\n`);
  process.exit(70);
});
