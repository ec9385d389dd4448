import type fc from 'fast-check';

/**
 * fast-check parameters for every property of the suite: `verbose` so a failure prints its seed,
 * its shrink path and the counterexample (the commands, for model runs) in the test output.
 * Reproduce a failure with `ALLOT_FC_SEED=<seed> ALLOT_FC_PATH=<path>`; search longer with
 * `ALLOT_FC_RUNS_FACTOR=<n>` (every property runs n times as many cases).
 */
export function fcParameters<T>(numRuns: number): fc.Parameters<T> {
  const seed = process.env.ALLOT_FC_SEED;
  const path = process.env.ALLOT_FC_PATH;
  const factor = Number(process.env.ALLOT_FC_RUNS_FACTOR ?? 1);
  return {
    numRuns: Math.max(1, Math.round(numRuns * factor)),
    verbose: 1,
    ...(seed ? { seed: Number(seed) } : {}),
    ...(path ? { path, endOnFailure: true } : {}),
  };
}
