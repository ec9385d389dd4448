// A crash-test worker: writes under load until it is SIGKILLed. Before each call it logs the
// intent, after the call resolves it logs the acknowledgement (or the refusal), each line fsync'd.
import { createAllot } from '@allot/core';
import type { Call } from '../model/calls';
import { entryIdOf } from '../model/decide';
import { execute, type Real } from '../model/execute';
import { between, oneOf, seededRandom } from '../processes/random';
import { openSpec, type StoreSpec } from '../support/store-spec';
import { DurableLog } from './op-log';

export interface CrashJob {
  spec: StoreSpec;
  orgId: string;
  domain: string;
  userIds: string[];
  logPath: string;
  /** Prefix of this round's keys. */
  round: number;
  seed: number;
  concurrency: number;
}

process.once('message', (job: CrashJob) => {
  const store = openSpec(job.spec);
  const real: Real = { allot: createAllot({ store }), orgId: job.orgId, domain: job.domain };
  const log = new DurableLog(job.logPath);
  const random = seededRandom(job.seed);
  const usages: { id: string; amount: number }[] = [];
  let n = 0;

  function nextCall(): Call {
    const key = `r${job.round}-${n++}`;
    const userId = oneOf(random, job.userIds);
    const r = random();
    if (r < 0.15 && usages.length > 0) {
      const usage = oneOf(random, usages);
      return { kind: 'refund', usageId: usage.id, amount: between(random, 1, usage.amount), key };
    }
    if (r < 0.25) return { kind: 'assign', userId, total: between(random, 0, 800), key };
    if (r < 0.35) return { kind: 'revoke', userId, amount: between(random, 1, 50), key };
    return { kind: 'consume', userId, amount: between(random, 1, 60), key };
  }

  async function operate(): Promise<void> {
    const call = nextCall();
    const key = (call as { key: string }).key;
    log.append({ kind: 'intent', key, call });
    const outcome = await execute(real, call);
    // Sometimes the answer takes a while to be recorded (a slow client, a lost response): a kill
    // in that window leaves a committed call unacknowledged, which its retry must replay.
    if (random() < 0.3) await new Promise((resolve) => setTimeout(resolve, between(random, 1, 20)));
    if (outcome.ok) {
      const entryId = entryIdOf(call, outcome.value);
      log.append({ kind: 'ack', key, entryId, wrote: call.kind === 'assign' ? entryId !== null : true });
      if (call.kind === 'consume' && entryId) usages.push({ id: entryId, amount: call.amount });
    } else {
      log.append({ kind: 'refused', key, code: outcome.error.code });
    }
  }

  process.send?.('ready');
  for (let i = 0; i < job.concurrency; i++) {
    void (async () => {
      for (;;) await operate();
    })();
  }
});
