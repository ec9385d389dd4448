import type { Latency, Spread } from './stats';

export type Unit = 'ops/s' | 'req/s' | 'rows/s' | 'ms' | 'MB';

/** One thing measured over repeated runs. */
export interface Measured {
  label: string;
  unit: Unit;
  /** The per-run figure (throughput, or a latency percentile for reads) over the runs. */
  value: Spread;
  /** Latency percentiles pooled over every run, in milliseconds. */
  latency?: Latency;
  /** Anything else worth printing beside the figure (peak RSS, rows). */
  extra?: string;
}

/** A target check: a sentence and whether this run met it. */
export interface Check {
  text: string;
  met: boolean;
}

/** A subject measured against its baseline in the same run. */
export interface Comparison {
  name: string;
  subject: Measured;
  baseline?: Measured;
  /**
   * subject ÷ baseline medians. For throughput higher is better; for latencies the ratio is
   * still subject ÷ baseline, so lower is better.
   */
  ratio?: number;
  checks: Check[];
}

/** Everything one benchmark case reports. */
export interface CaseReport {
  id: string;
  title: string;
  /** The exact commands and settings, so anyone can rerun them. */
  commands: string[];
  comparisons: Comparison[];
  notes: string[];
  /** Set when the case (or part of it) could not run, with the reason. */
  notRun?: string[];
}

/** Builds a comparison whose ratio is subject ÷ baseline medians. */
export function compare(
  name: string,
  subject: Measured,
  baseline: Measured | undefined,
  checks: Check[],
): Comparison {
  const ratio = baseline ? subject.value.median / baseline.value.median : undefined;
  return { name, subject, baseline, ratio, checks };
}

/** "ratio ≥ min" check for throughput. */
export function atLeast(ratio: number | undefined, min: number, what: string): Check {
  return { text: `≥ ${min}× ${what}`, met: ratio !== undefined && ratio >= min };
}

/** "ratio ≤ max" check for latencies and growth. */
export function atMost(ratio: number | undefined, max: number, what: string): Check {
  return { text: `≤ ${max}× ${what}`, met: ratio !== undefined && ratio <= max };
}

/** An absolute bound on a figure. */
export function below(value: number, limit: number, unit: string): Check {
  return { text: `< ${limit} ${unit}`, met: value < limit };
}
