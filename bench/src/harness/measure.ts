import type { RunResult } from './load';
import type { Measured, Unit } from './model';
import { latency, pool, spread } from './stats';

/** Turns repeated runs into a {@link Measured}: median/min/max of the rates and pooled latencies. */
export function measured(label: string, unit: Unit, runs: RunResult[], extra?: string): Measured {
  const cpu = runs.map((r) => r.cpu).filter((c): c is number => c !== undefined);
  const cpuText =
    cpu.length > 0
      ? `Node process CPU ${Math.round((100 * cpu.reduce((a, b) => a + b, 0)) / cpu.length)} % of one core`
      : undefined;
  return {
    label,
    unit,
    value: spread(runs.map((r) => r.rate)),
    latency: latency(pool(runs.map((r) => r.latencies))),
    extra: [extra, cpuText].filter(Boolean).join('; ') || undefined,
  };
}
