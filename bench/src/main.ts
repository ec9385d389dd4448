import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchConfig, configFor } from './config';
import { childRuntime } from './export/runtime';
import { log } from './harness/log';
import { type MachineFacts, machineFacts } from './harness/machine';
import type { CaseReport } from './harness/model';
import { httpCase } from './http/http-case';
import { memoryCase } from './memory/memory-case';
import { postgresConsumeCase } from './pg/consume-case';
import { postgresScaleSuite } from './pg/scale-suite';
import { renderConsole, renderReport } from './report/markdown';
import { mergeScaleReports } from './report/merge';
import { sqliteConsumeCase } from './sqlite/consume-case';
import { sqliteScaleSuite } from './sqlite/scale-suite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

/**
 * `pnpm bench` runs every case and writes docs/benchmarks.md; `pnpm bench --quick` runs a short
 * version and only prints. `--only=1,3,5` picks cases (printed, or written with `--out`, never
 * kept as the last run); `--out=path` writes the report elsewhere;
 * `--render-only` rewrites the report from the last run (bench/data/) with the current findings.md;
 * `--http-cpu-prof=dir` writes a CPU profile of every server child of case 7 into `dir`.
 * Exits non-zero only when a case crashes, never because a target was missed.
 */
async function main(): Promise<void> {
  if (process.argv.includes('--render-only')) return renderOnly();
  const quick = process.argv.includes('--quick');
  const only = new Set((option('only') ?? '1,2,3,4,5,6,7').split(','));
  const config = configFor(quick);
  const startedAt = new Date();
  const machine = machineFacts();
  // Decide now whether the export child runs the built packages, before anyone edits a source.
  machine['export child runtime'] = childRuntime().label;
  const cases: CaseReport[] = [];
  let crashed = false;

  async function step(ids: string[], name: string, run: () => Promise<CaseReport[]>): Promise<void> {
    if (!ids.some((id) => only.has(id))) return;
    log(`— ${name}`);
    try {
      cases.push(...(await run()).filter((c) => only.has(c.id)));
    } catch (error) {
      crashed = true;
      const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`${name} crashed: ${reason}`);
      for (const id of ids) {
        cases.push({
          id,
          title: name,
          commands: [],
          comparisons: [],
          notes: [],
          notRun: [`crashed: ${reason.split('\n')[0]}`],
        });
      }
    }
  }

  await step(['1'], 'Consume throughput, Postgres', async () => [
    await postgresConsumeCase(config, machine, log),
  ]);
  await step(['2'], 'Consume throughput, SQLite', async () => [
    await sqliteConsumeCase(config, machine, log),
  ]);
  await step(['3'], 'Consume throughput, memory', async () => [await memoryCase(config, log)]);
  const scale: CaseReport[][] = [];
  await step(['4', '5', '6'], 'Growth, analytics and export on Postgres', async () => {
    scale.push(await postgresScaleSuite(config, machine, log));
    return [];
  });
  await step(['4', '5', '6'], 'Growth, analytics and export on SQLite', async () => {
    scale.push(await sqliteScaleSuite(config, machine, log));
    return [];
  });
  cases.push(...mergeScaleReports(scale).filter((c) => only.has(c.id)));
  await step(['7'], 'HTTP adapters', async () => [
    await httpCase(config, log, { cpuProfDir: option('http-cpu-prof') }),
  ]);
  cases.sort((a, b) => Number(a.id) - Number(b.id));

  const seconds = (Date.now() - startedAt.getTime()) / 1000;
  machine['load average at end (1/5/15 min)'] = loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  process.stdout.write(`${renderConsole(cases)}\n\nfinished in ${Math.round(seconds)} s\n`);
  const run: SavedRun = { config, startedAt: startedAt.toISOString(), seconds, machine, cases };
  // Only complete full runs are kept and reported in docs/benchmarks.md: --render-only must never
  // put a --quick run, or one that ran only some cases (--only), into it.
  const complete = !quick && option('only') === undefined;
  if (complete) {
    await mkdir(dirname(savedRun), { recursive: true });
    await writeFile(savedRun, JSON.stringify(run));
  }
  if (complete || option('out')) await writeReport(run);
  if (crashed) process.exitCode = 1;
}

/** Everything a run measured, kept in bench/data/ so the report can be re-rendered. */
interface SavedRun {
  config: BenchConfig;
  startedAt: string;
  seconds: number;
  machine: MachineFacts;
  cases: CaseReport[];
}

// bench/data/ is ignored by git and by biome (the JSON is not formatted for it).
const savedRun = join(root, 'bench', 'data', 'last-run.json');

async function writeReport(run: SavedRun): Promise<void> {
  const findings = await readFile(join(root, 'bench', 'findings.md'), 'utf8').catch(() => '');
  const out = option('out') ?? join(root, 'docs', 'benchmarks.md');
  await writeFile(out, renderReport({ ...run, startedAt: new Date(run.startedAt), findings }));
  log(`wrote ${out}`);
}

/** `--render-only`: writes the report again from the last saved run (after editing findings.md). */
async function renderOnly(): Promise<void> {
  await writeReport(JSON.parse(await readFile(savedRun, 'utf8')) as SavedRun);
}

await main();
