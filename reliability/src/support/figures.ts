import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What one reliability test did, for docs/reliability.md. */
export interface Figures {
  /** Commands and reads sent to Allot (retries and duplicates included). */
  operations: number;
  /** Faults injected: kills, junk inputs, duplicate or conflicting keys, forced races. */
  faults: number;
  /** Full `checkInvariants` runs plus snapshot and model comparisons. */
  invariantChecks: number;
  /** Checks that failed (the test fails too; recorded so the figures never hide one). */
  failures: number;
  /** Anything else worth showing (e.g. successes of a hot member). */
  notes?: string;
}

/** Where the figures of the last run are written (git-ignored). */
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.results');

/**
 * Records the figures of one test under `suite / adapter`; `pnpm --filter reliability figures`
 * renders every recorded file into docs/reliability.md.
 */
export function recordFigures(suite: string, adapter: string, figures: Figures, durationMs: number): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${suite}--${adapter}.json`.replace(/[^A-Za-z0-9_.-]/g, '-'));
  const record = {
    suite,
    adapter,
    ...figures,
    durationMs: Math.round(durationMs),
    at: new Date().toISOString(),
  };
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}

/** A mutable tally that a test fills in and records at the end. */
export function tally(): Figures {
  return { operations: 0, faults: 0, invariantChecks: 0, failures: 0 };
}
