import type { BenchConfig } from '../config';
import { must, system } from '../harness/allot-setup';
import { timeEach } from '../harness/load';
import type { Log } from '../harness/log';
import { atMost, type Comparison, compare, type Measured } from '../harness/model';
import { latency, pool, spread } from '../harness/stats';
import type { ScaleTarget } from './target';

/** Latency samples of several runs as a {@link Measured}: the value is each run's p50. */
export function latencyMeasured(
  label: string,
  runs: Float64Array[],
  pick: 'p50' | 'p95',
  extra?: string,
): Measured {
  return {
    label,
    unit: 'ms',
    value: spread(runs.map((r) => latency(r)[pick])),
    latency: latency(pool(runs)),
    extra,
  };
}

let keySeq = 0;

/** `count` sequential consumes of 1 credit by random members, each timed. */
export function timeConsumes(target: ScaleTarget, count: number): Promise<Float64Array> {
  return timeEach(count, async () => {
    const userId = `m${Math.floor(Math.random() * target.members)}`;
    await must(
      target.allot.consume({
        actor: system,
        orgId: target.orgId,
        userId,
        amount: 1,
        idempotencyKey: `growth-${keySeq++}`,
        description: 'bench',
      }),
    );
  });
}

/**
 * Case 4 on one store: grows the journal to each size (seeding), then times sequential consumes.
 * Returns one comparison per size against the smallest one.
 */
export async function measureGrowth(
  target: ScaleTarget,
  config: BenchConfig,
  log: Log,
): Promise<Comparison[]> {
  const bySize: { size: number; measured: Measured }[] = [];
  let batch = 0;
  for (const size of config.growthSizes) {
    const have = await target.journalCount();
    if (size > have) {
      const started = Date.now();
      await target.seed(size - have, ++batch);
      await target.analyze();
      log(
        `${target.name}: seeded ${(size - have).toLocaleString('en-US')} entries in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    await timeConsumes(target, 50);
    const runs: Float64Array[] = [];
    for (let run = 0; run < config.runs; run++) runs.push(await timeConsumes(target, config.growthOps));
    const entries = await target.journalCount();
    const measured = latencyMeasured(
      `consume p50 at ${entries.toLocaleString('en-US')} entries`,
      runs,
      'p50',
      `${config.growthOps.toLocaleString('en-US')} sequential consumes per run`,
    );
    log(`${target.name}: consume p50 ${measured.value.median.toFixed(3)} ms at ${entries} entries`);
    bySize.push({ size, measured });
  }
  const first = bySize[0];
  if (!first) return [];
  return bySize.map(({ size, measured }, i) => {
    const ratio = measured.value.median / first.measured.value.median;
    const last = i === bySize.length - 1 && i > 0;
    return compare(
      `${target.name}: consume latency, journal of ${size.toLocaleString('en-US')}`,
      measured,
      i === 0 ? undefined : first.measured,
      last ? [atMost(ratio, 1.2, `latency at ${config.growthSizes[0]?.toLocaleString('en-US')}`)] : [],
    );
  });
}
