import type { BenchConfig } from '../config';
import { must, system } from '../harness/allot-setup';
import { timeEach, timeInterleaved } from '../harness/load';
import type { Log } from '../harness/log';
import { atMost, below, type Check, type Comparison, compare } from '../harness/model';
import { latencyMeasured } from './growth';
import type { NamedFilter, ScaleTarget } from './target';

const PAGE = 50;
/** Time allowed per measurement run of one read (at least 5 calls are always made). */
const READ_BUDGET_MS = 3_000;

/** Case 5 on one store: summary and first ledger page per filter, public API vs hand-written SQL. */
export async function measureAnalytics(
  target: ScaleTarget,
  filters: NamedFilter[],
  config: BenchConfig,
  log: Log,
): Promise<{ comparisons: Comparison[]; plans: string[] }> {
  const comparisons: Comparison[] = [];
  const plans: string[] = [];
  for (const { name, filter } of filters) {
    for (const kind of ['summary', 'page'] as const) {
      const api =
        kind === 'summary'
          ? () =>
              must(target.allot.summary({ actor: system, orgId: target.orgId, filter })).then(() => undefined)
          : () =>
              must(target.allot.ledger({ actor: system, orgId: target.orgId, filter, limit: PAGE })).then(
                () => undefined,
              );
      const hand =
        kind === 'summary' ? () => target.handSummary(filter) : () => target.handFirstPage(filter, PAGE);
      await timeEach(3, hand);
      await timeEach(3, api);
      const apiRuns: Float64Array[] = [];
      const handRuns: Float64Array[] = [];
      for (let run = 0; run < config.runs; run++) {
        const [handRun, apiRun] = await timeInterleaved(config.analyticsReps, READ_BUDGET_MS, hand, api);
        handRuns.push(handRun);
        apiRuns.push(apiRun);
      }
      const what = kind === 'summary' ? 'summary' : `first ledger page (${PAGE})`;
      const subject = latencyMeasured(`allot.${kind === 'summary' ? 'summary' : 'ledger'}()`, apiRuns, 'p95');
      const baseline = latencyMeasured('hand-written SQL', handRuns, 'p95');
      const ratio = subject.value.median / baseline.value.median;
      const checks: Check[] = [atMost(ratio, 1.5, 'hand-written SQL (p95)')];
      const absolute = target.name === 'Postgres' ? below(subject.value.median, 50, 'ms p95') : undefined;
      if (absolute) checks.push(absolute);
      comparisons.push(compare(`${target.name}: ${what}, ${name}`, subject, baseline, checks));
      log(
        `${target.name}: ${what}, ${name}: p95 ${subject.value.median.toFixed(2)} ms vs ${baseline.value.median.toFixed(2)} ms`,
      );
      if (checks.some((c) => !c.met)) {
        plans.push(
          `${target.name}, ${what}, ${name}:\n\n\`\`\`\n${(await target.explain(filter, kind)).trim()}\n\`\`\``,
        );
      }
    }
  }
  return { comparisons, plans };
}
