// Renders the figures the reliability tests wrote (reliability/.results/*.json) into the table
// between the markers of docs/reliability.md. Run after the suite:
//   pnpm exec vitest run --project reliability && pnpm --filter reliability figures
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Recorded {
  suite: string;
  adapter: string;
  operations: number;
  faults: number;
  invariantChecks: number;
  failures: number;
  notes?: string;
  durationMs: number;
  at: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(here, '..', '.results');
const doc = join(here, '..', '..', 'docs', 'reliability.md');
const START = '<!-- figures:start -->';
const END = '<!-- figures:end -->';

const records = readdirSync(resultsDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')) as Recorded)
  .sort((a, b) => `${a.suite} ${a.adapter}`.localeCompare(`${b.suite} ${b.adapter}`));

const n = (value: number) => value.toLocaleString('en-US');
const total = (pick: (r: Recorded) => number) => n(records.reduce((sum, r) => sum + pick(r), 0));
const latest =
  records
    .map((r) => r.at)
    .sort()
    .at(-1) ?? 'never';

const lines = [
  START,
  `Last run: ${latest.slice(0, 16).replace('T', ' ')} UTC (rendered from \`reliability/.results\`).`,
  '',
  '| test | adapter | operations | faults injected | invariant checks | failures | time | notes |',
  '|---|---|---:|---:|---:|---:|---:|---|',
  ...records.map(
    (r) =>
      `| ${r.suite} | ${r.adapter} | ${n(r.operations)} | ${n(r.faults)} | ${n(r.invariantChecks)} | ${r.failures} | ${(r.durationMs / 1000).toFixed(1)} s | ${(r.notes ?? '').replace(/\|/g, '\\|')} |`,
  ),
  `| **total** | | **${total((r) => r.operations)}** | **${total((r) => r.faults)}** | **${total((r) => r.invariantChecks)}** | **${total((r) => r.failures)}** | | |`,
  END,
];

const text = readFileSync(doc, 'utf8');
const from = text.indexOf(START);
const to = text.indexOf(END);
if (from < 0 || to < 0) throw new Error(`${doc} has no ${START} … ${END} block`);
writeFileSync(doc, `${text.slice(0, from)}${lines.join('\n')}${text.slice(to + END.length)}`);
console.log(`rendered ${records.length} results into ${doc}`);
