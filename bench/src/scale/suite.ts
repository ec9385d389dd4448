import type { BenchConfig } from '../config';
import type { Log } from '../harness/log';
import type { CaseReport } from '../harness/model';
import { measureAnalytics } from './analytics';
import { measureExport } from './export';
import { analyticsFilters } from './filters';
import { measureGrowth } from './growth';
import type { ScaleTarget } from './target';

/** Whether `@allot/express` exports a usable router (written by another package). */
async function expressReady(): Promise<{ ready: boolean; reason?: string }> {
  try {
    const mod = (await import('@allot/express')) as { createAllotRouter?: unknown };
    return typeof mod.createAllotRouter === 'function'
      ? { ready: true }
      : { ready: false, reason: '@allot/express does not export createAllotRouter yet' };
  } catch (error) {
    return { ready: false, reason: `@allot/express could not be loaded: ${(error as Error).message}` };
  }
}

/** Cases 4, 5 and 6 on one store, in that order, on one growing journal. */
export async function runScaleSuite(
  target: ScaleTarget,
  historyFrom: Date,
  config: BenchConfig,
  log: Log,
): Promise<CaseReport[]> {
  const largest = config.growthSizes.at(-1) ?? 0;
  const growth = await measureGrowth(target, config, log);
  const filters = analyticsFilters(historyFrom);
  const analytics = await measureAnalytics(target, filters, config, log);
  const exported = await measureExport(target, config, log, await expressReady());
  const entries = await target.journalCount();
  return [
    {
      id: '4',
      title: 'Growth: consume latency as the journal grows',
      commands: [
        `${target.name}: ${target.seedDescription}; after each step ${config.runs} run(s) of ${config.growthOps.toLocaleString('en-US')} sequential \`consume()\` calls by random members (one caller, after 50 warm-up calls), each timed`,
      ],
      comparisons: growth,
      notes: [],
    },
    {
      id: '5',
      title: `Analytics at scale (${entries.toLocaleString('en-US')} entries, ${target.members.toLocaleString('en-US')} members, ${config.analyticsMonths} months)`,
      commands: [
        `${target.name}: per filter, ${config.runs} run(s) of ${config.analyticsReps} calls (fewer, but at least 5, when a run passes 3 s) of \`allot.summary()\` / \`allot.ledger({ limit: 50 })\` and of the hand-written SQL on the same indexes (plain \`pg\` prepared statements / better-sqlite3 prepared statements), alternating call by call; the figure is each run's p95. Filters: ${filters.map((f) => `${f.name} \`${JSON.stringify(f.filter)}\``).join(', ')}`,
      ],
      comparisons: analytics.comparisons,
      notes:
        analytics.plans.length > 0
          ? ['Plans of the reads that missed a target (EXPLAIN ANALYZE):', ...analytics.plans]
          : [],
    },
    {
      id: '6',
      title: `CSV export at scale (${largest.toLocaleString('en-US')}+ rows)`,
      commands: [
        ...exported.commands,
        `${target.name} public API: a child process opens the store and iterates \`allot.exportCsv({ filter: {} })\` to the end; Express: the child serves \`createAllotRouter\` and this process downloads \`GET /api/ledger.csv\`, timed end to end. Peak RSS is the child's own high-water mark (\`VmHWM\` in /proc/self/status; \`process.resourceUsage().maxRSS\` would start at this process's size, since Linux keeps it across the fork and exec) and includes Node and the loaded modules`,
      ],
      comparisons: exported.comparisons,
      notes: [],
      notRun: exported.notRun,
    },
  ];
}
