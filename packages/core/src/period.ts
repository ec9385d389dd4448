import type { Period } from './schemas/records';

/**
 * The billing period that contains `instant`: monthly from `anchorDay` (1–28), in UTC.
 * `start` is inclusive, `end` exclusive.
 *
 * @example
 * periodContaining(new Date('2026-11-25T10:00:00Z'), 15)
 * // { start: '2026-11-15T00:00:00.000Z', end: '2026-12-15T00:00:00.000Z' }
 */
export function periodContaining(instant: Date, anchorDay: number): Period {
  const year = instant.getUTCFullYear();
  const month = instant.getUTCMonth();
  const startMonth = instant.getUTCDate() >= anchorDay ? month : month - 1;
  const start = new Date(Date.UTC(year, startMonth, anchorDay));
  const end = new Date(Date.UTC(year, startMonth + 1, anchorDay));
  return { start: start.toISOString(), end: end.toISOString() };
}

/**
 * True when `now` (ISO) is at or past the end of `period`.
 *
 * @example
 * ```ts
 * isPeriodOver({ end: '2026-12-01T00:00:00.000Z' }, '2026-12-01T00:00:00.000Z'); // true
 * ```
 */
export function isPeriodOver(period: { end: string }, now: string): boolean {
  return now >= period.end;
}
