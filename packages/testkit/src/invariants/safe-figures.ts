import { exact, MAX_TOTAL } from './exact';
import type { Report, Snapshot } from './types';

/** Reports `value` unless it is a whole number within ±`Number.MAX_SAFE_INTEGER`. */
function safe(value: number | null, where: string, report: Report): void {
  if (value === null || Number.isSafeInteger(value)) return;
  report('safe-integer', `${where} is ${value}, not a whole number within ±${MAX_TOTAL}`);
}

/**
 * Every total stays within `Number.MAX_SAFE_INTEGER`: the pool (monthly pool + top-ups, summed
 * exactly), its top-ups and allocated; each member's allocated, used, held and remaining; every
 * entry's amount and balance after; every hold's amount and captured. A figure past it cannot be
 * held exactly by a JavaScript number, so every sum over it would be in doubt.
 */
export function checkSafeFigures({ org, members, journal, holds }: Snapshot, report: Report): void {
  const at = `organization ${org.id}`;
  safe(org.monthlyPool, `${at}: monthlyPool`, report);
  safe(org.topUps, `${at}: topUps`, report);
  safe(org.allocated, `${at}: allocated`, report);
  const pool = exact(org.monthlyPool) + exact(org.topUps);
  if (pool > MAX_TOTAL)
    report('safe-integer', `${at}: the pool (monthly pool + top-ups) is ${pool}, past ${MAX_TOTAL}`);
  for (const m of members) {
    const who = `member ${m.userId}`;
    safe(m.allocated, `${who}: allocated`, report);
    safe(m.used, `${who}: used`, report);
    safe(m.held, `${who}: held`, report);
  }
  for (const e of journal) {
    safe(e.amount, `${e.type} ${e.id}: amount`, report);
    safe(e.balanceAfter, `${e.type} ${e.id}: balanceAfter`, report);
  }
  for (const h of holds) {
    safe(h.amount, `hold ${h.id}: amount`, report);
    safe(h.captured, `hold ${h.id}: captured`, report);
  }
}
