import type { BenchConfig } from '../config';
import { type ExportRun, runExportChild } from '../export/run-child';
import { childRuntime } from '../export/runtime';
import type { Log } from '../harness/log';
import { atLeast, below, type Comparison, compare, type Measured } from '../harness/model';
import { spread } from '../harness/stats';
import type { ScaleTarget } from './target';

/** Caps V8's young generation (semi-space) at 16 MB, as memory-constrained hosts do. */
const SEMI_SPACE_FLAG = '--max-semi-space-size=16';

function rowsPerSecond(label: string, runs: { rows: number; seconds: number }[], extra?: string): Measured {
  return { label, unit: 'rows/s', value: spread(runs.map((r) => r.rows / r.seconds)), extra };
}

function rss(runs: ExportRun[]): { peak: number; text: string } {
  const peak = Math.max(...runs.map((r) => r.maxRssMb));
  const before = Math.max(...runs.map((r) => r.rssBeforeMb));
  const liveBefore = Math.max(...runs.map((r) => r.liveHeap.before));
  const liveAfter = Math.max(...runs.map((r) => r.liveHeap.after));
  return {
    peak,
    text: `peak RSS ${peak.toFixed(0)} MB (${before.toFixed(0)} MB before the export started; live JS heap after a full GC ${liveBefore.toFixed(0)} MB before, ${liveAfter.toFixed(0)} MB after)`,
  };
}

/**
 * Case 6 on one store: every entry exported as CSV through the public API and the Express route,
 * each in a fresh child process (peak RSS from process.resourceUsage()), against the baseline.
 */
export async function measureExport(
  target: ScaleTarget,
  config: BenchConfig,
  log: Log,
  express: { ready: boolean; reason?: string },
): Promise<{ comparisons: Comparison[]; commands: string[]; notRun: string[] }> {
  const baselineRuns: { rows: number; seconds: number }[] = [];
  const apiRuns: ExportRun[] = [];
  const tunedRuns: ExportRun[] = [];
  const expressRuns: ExportRun[] = [];
  let command = '';
  for (let run = 0; run < config.runs; run++) {
    const base = await target.exportBaseline();
    command = base.command;
    baselineRuns.push(base);
    const api = await runExportChild({ store: target.childStore, orgId: target.orgId, mode: 'api' });
    apiRuns.push(api);
    log(
      `${target.name} export run ${run + 1}: baseline ${Math.round(base.rows / base.seconds)} rows/s, API ${Math.round(api.rows / api.seconds)} rows/s, peak RSS ${api.maxRssMb.toFixed(0)} MB`,
    );
    const tuned = await runExportChild({ store: target.childStore, orgId: target.orgId, mode: 'api' }, [
      SEMI_SPACE_FLAG,
    ]);
    tunedRuns.push(tuned);
    log(
      `${target.name} export run ${run + 1}: API with ${SEMI_SPACE_FLAG} ${Math.round(tuned.rows / tuned.seconds)} rows/s, peak RSS ${tuned.maxRssMb.toFixed(0)} MB`,
    );
    if (express.ready) {
      const viaExpress = await runExportChild({
        store: target.childStore,
        orgId: target.orgId,
        mode: 'express',
      });
      expressRuns.push(viaExpress);
      log(
        `${target.name} export run ${run + 1}: Express ${Math.round(viaExpress.rows / viaExpress.seconds)} rows/s, peak RSS ${viaExpress.maxRssMb.toFixed(0)} MB`,
      );
    }
  }
  const rows = apiRuns[0]?.rows ?? 0;
  const baseline = rowsPerSecond(
    command.startsWith('psql') ? 'COPY … TO STDOUT WITH CSV' : 'raw better-sqlite3 iterate + CSV join',
    baselineRuns,
    `${baselineRuns[0]?.rows.toLocaleString('en-US')} rows`,
  );
  const comparisons: Comparison[] = [];
  const apiRss = rss(apiRuns);
  const apiMeasured = rowsPerSecond(
    'allot.exportCsv()',
    apiRuns,
    `${rows.toLocaleString('en-US')} rows; ${apiRss.text}`,
  );
  const apiRatio = apiMeasured.value.median / baseline.value.median;
  comparisons.push(
    compare(`${target.name}: CSV export, public API`, apiMeasured, baseline, [
      atLeast(apiRatio, 0.3, 'the baseline'),
      below(apiRss.peak, 200, 'MB peak RSS'),
    ]),
  );
  const tunedRss = rss(tunedRuns);
  const tunedMeasured = rowsPerSecond(
    `allot.exportCsv(), child run with \`node ${SEMI_SPACE_FLAG}\``,
    tunedRuns,
    `${rows.toLocaleString('en-US')} rows; ${tunedRss.text}`,
  );
  const tunedRatio = tunedMeasured.value.median / baseline.value.median;
  comparisons.push(
    compare(`${target.name}: CSV export, public API, V8 young generation capped`, tunedMeasured, baseline, [
      atLeast(tunedRatio, 0.3, 'the baseline'),
      below(tunedRss.peak, 200, 'MB peak RSS'),
    ]),
  );
  if (expressRuns.length > 0) {
    const expressRss = rss(expressRuns);
    const measured = rowsPerSecond(
      'GET /ledger.csv (createAllotRouter)',
      expressRuns,
      `${expressRuns[0]?.rows.toLocaleString('en-US')} rows; server ${expressRss.text}`,
    );
    const ratio = measured.value.median / baseline.value.median;
    comparisons.push(
      compare(`${target.name}: CSV export, Express route`, measured, baseline, [
        atLeast(ratio, 0.3, 'the baseline'),
        below(expressRss.peak, 200, 'MB peak RSS'),
      ]),
    );
  }
  return {
    comparisons,
    commands: [
      `${target.name} export baseline: \`${command}\``,
      `${target.name} export child runtime: ${childRuntime().label}`,
    ],
    notRun: express.ready
      ? []
      : [`${target.name} CSV export through the Express route: ${express.reason ?? 'not available'}`],
  };
}
