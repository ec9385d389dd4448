/** Median, minimum and maximum of a few repeated runs. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  /** Every run's value, in run order. */
  runs: number[];
}

/** The value below which `p` % of the sorted sample lies (nearest-rank). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

/** Sorts a copy of the sample ascending. */
export function sorted(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Median, min and max of run values. */
export function spread(runs: number[]): Spread {
  const s = sorted(runs);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 === 1 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
  return { median, min: s[0] ?? Number.NaN, max: s[s.length - 1] ?? Number.NaN, runs };
}

/** Latency percentiles (milliseconds) of one or more samples pooled together. */
export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  count: number;
}

/** p50 / p95 / p99 of latency samples in milliseconds. */
export function latency(samples: ArrayLike<number>): Latency {
  const s = sorted(samples);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), count: s.length };
}

/** Concatenates latency samples from several runs. */
export function pool(samples: ArrayLike<number>[]): Float64Array {
  const total = samples.reduce((n, s) => n + s.length, 0);
  const out = new Float64Array(total);
  let offset = 0;
  for (const s of samples) {
    out.set(Float64Array.from(s), offset);
    offset += s.length;
  }
  return out;
}
