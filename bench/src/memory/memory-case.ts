import { type Allot, createAllot } from '@allot/core';
import { createMemoryStore } from '@allot/memory';
import type { BenchConfig } from '../config';
import { createBenchOrg, must, system } from '../harness/allot-setup';
import { type RunResult, runAsyncLoad, runSyncLoad } from '../harness/load';
import type { Log } from '../harness/log';
import { measured } from '../harness/measure';
import { atLeast, type CaseReport, compare } from '../harness/model';
import { createPooledIdGenerator } from './pooled-ids';
import { createRawMapLedger } from './raw-map-loop';

const MEMBERS = 1_000;
const ALLOCATION = 1_000_000_000;

/** Case 3: consume through the public API on the memory store against a raw Map update loop. */
export async function memoryCase(config: BenchConfig, log: Log): Promise<CaseReport> {
  const durationMs = config.memorySeconds * 1000;
  const apiLoad = async (allot: Allot): Promise<RunResult> => {
    const org = await createBenchOrg(allot, { orgId: 'mem', members: MEMBERS, allocation: ALLOCATION });
    return runAsyncLoad({
      workers: 1,
      durationMs,
      op: async (_w, i) => {
        await must(
          allot.consume({
            actor: system,
            orgId: org.orgId,
            userId: org.userIds[i % MEMBERS] as string,
            amount: 1,
            idempotencyKey: `k${i}`,
            description: 'bench',
          }),
        );
      },
    });
  };
  const api: RunResult[] = [];
  const pooled: RunResult[] = [];
  const raw: RunResult[] = [];
  for (let run = 0; run < config.runs; run++) {
    const ledger = createRawMapLedger(
      'org',
      Array.from({ length: MEMBERS }, (_, i) => `m${i}`),
      ALLOCATION,
    );
    const rawRun = runSyncLoad({
      durationMs,
      op: (i) => ledger.consume(`m${i % MEMBERS}`, 1, `k${i}`),
    });
    raw.push(rawRun);
    log(`memory raw Map loop run ${run + 1}: ${Math.round(rawRun.rate)} ops/s`);

    const apiRun = await apiLoad(createAllot({ store: createMemoryStore() }));
    api.push(apiRun);
    log(`memory public API run ${run + 1}: ${Math.round(apiRun.rate)} ops/s`);
    const pooledRun = await apiLoad(
      createAllot({ store: createMemoryStore(), newId: createPooledIdGenerator() }),
    );
    pooled.push(pooledRun);
    log(`memory public API (pooled id randomness) run ${run + 1}: ${Math.round(pooledRun.rate)} ops/s`);
  }
  const subject = measured('allot.consume() on @allot/memory', 'ops/s', api);
  const baseline = measured('raw Map update loop', 'ops/s', raw);
  const ratio = subject.value.median / baseline.value.median;
  const withPooledIds = measured('allot.consume(), `newId` drawing randomness from a pool', 'ops/s', pooled);
  const pooledRatio = withPooledIds.value.median / baseline.value.median;
  return {
    id: '3',
    title: 'Consume throughput, memory',
    commands: [
      `${config.runs} run(s) of ${config.memorySeconds} s each, one caller, consumes of 1 credit cycling over ${MEMBERS} members, a fresh store per run`,
      'baseline: the same steps on plain Maps (member lookup, remaining check, update, journal push, idempotency key) in a synchronous loop',
    ],
    comparisons: [
      compare('consume, 1 caller', subject, baseline, [atLeast(ratio, 0.2, 'raw Map loop')]),
      compare('consume, 1 caller, with the proposed id-generator fix (see below)', withPooledIds, baseline, [
        atLeast(pooledRatio, 0.2, 'raw Map loop'),
      ]),
    ],
    notes: [],
  };
}
