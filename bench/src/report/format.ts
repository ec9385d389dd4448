import type { Measured, Unit } from '../harness/model';

/** A figure in its unit, with sensible precision. */
export function fmt(value: number, unit: Unit | 'ratio'): string {
  if (!Number.isFinite(value)) return '–';
  switch (unit) {
    case 'ops/s':
    case 'req/s':
    case 'rows/s':
      return Math.round(value).toLocaleString('en-US');
    case 'MB':
      return value.toFixed(1);
    case 'ratio':
      return `${value.toPrecision(3)}×`;
    case 'ms':
      return ms(value);
  }
}

/** Milliseconds with three significant digits (µs below 0.1 ms). */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 0.1) return `${(value * 1000).toPrecision(3)} µs`;
  return `${value.toPrecision(3)} ms`;
}

/** "median unit (min–max)". */
export function figure(m: Measured): string {
  const { median, min, max, runs } = m.value;
  const range = runs.length > 1 ? ` (${fmt(min, m.unit)}–${fmt(max, m.unit)})` : '';
  const unit = m.unit === 'ms' ? '' : ` ${m.unit}`;
  return `${fmt(median, m.unit)}${unit}${range}`;
}

/** "p50 / p95 / p99" latencies. */
export function latencies(m: Measured): string {
  if (!m.latency) return '–';
  return `${ms(m.latency.p50)} / ${ms(m.latency.p95)} / ${ms(m.latency.p99)}`;
}

/** Escapes a table cell. */
export function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
