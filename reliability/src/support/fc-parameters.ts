import type fc from 'fast-check';

/**
 * fast-check parameters for every property of the suite: `verbose` so a failure prints its seed,
 * its shrink path and the counterexample (the commands, for model runs) in the test output.
 * Reproduce a failure with `ALLOT_FC_SEED=<seed> ALLOT_FC_PATH=<path>`.
 */
export function fcParameters<T>(numRuns: number): fc.Parameters<T> {
  const seed = process.env.ALLOT_FC_SEED;
  const path = process.env.ALLOT_FC_PATH;
  return {
    numRuns,
    verbose: 1,
    ...(seed ? { seed: Number(seed) } : {}),
    ...(path ? { path, endOnFailure: true } : {}),
  };
}
