import type { RunResult } from './load';
import type { Measured, Unit } from './model';
import { latency, pool, spread } from './stats';

/** Turns repeated runs into a {@link Measured}: median/min/max of the rates and pooled latencies. */
export function measured(label: string, unit: Unit, runs: RunResult[], extra?: string): Measured {
  return {
    label,
    unit,
    value: spread(runs.map((r) => r.rate)),
    latency: latency(pool(runs.map((r) => r.latencies))),
    extra,
  };
}
