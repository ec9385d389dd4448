/**
 * A stored figure as a BigInt, so that sums and differences are exact however large they get:
 * float addition rounds past `Number.MAX_SAFE_INTEGER` and can hide a drift of a credit. A figure
 * that is not a whole number (reported by `checkSafeFigures`) is truncated; null counts as 0.
 */
export function exact(value: number | null): bigint {
  return value !== null && Number.isFinite(value) ? BigInt(Math.trunc(value)) : 0n;
}

/** The exact Σ of `values` (see {@link exact}). */
export function exactSum(values: Iterable<number | null>): bigint {
  let sum = 0n;
  for (const value of values) sum += exact(value);
  return sum;
}

/** The largest total Allot may store: every figure stays within it. */
export const MAX_TOTAL = BigInt(Number.MAX_SAFE_INTEGER);
