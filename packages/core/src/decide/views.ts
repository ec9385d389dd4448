import type { MemberRecord, OrganizationRecord } from '../port';
import type { Balance, Health, Overview, Thresholds } from '../schemas/records';
import { activeAlerts, poolOf, remainingOf, unallocatedOf } from './context';

/**
 * The pool's health colour: green below `yellow` % used, yellow below `red` %, red from `red` %.
 * Decided on the exact share, never the rounded `usagePercent`: 6,999 of 10,000 (69.99 %, shown
 * as 70) is still green.
 *
 * @example
 * ```ts
 * healthOf({ used: 7_500, pool: 10_000 }, { yellow: 70, red: 90 }); // 'yellow'
 * healthOf({ used: 6_999, pool: 10_000 }, { yellow: 70, red: 90 }); // 'green'
 * ```
 */
export function healthOf(usage: { used: number; pool: number }, thresholds: Thresholds): Health {
  if (reachesPercent(usage.used, usage.pool, thresholds.red)) return 'red';
  if (reachesPercent(usage.used, usage.pool, thresholds.yellow)) return 'yellow';
  return 'green';
}

/**
 * Whether `used` is at least `percent` % of `pool`, compared exactly (in integers, whatever the
 * size of the figures or the decimals of `percent`). An empty pool counts as 0 % used.
 *
 * @example
 * ```ts
 * reachesPercent(6_999, 10_000, 70); // false: 69.99 %
 * reachesPercent(7_000, 10_000, 70); // true
 * reachesPercent(29, 100, 29); // true (29 / 100 * 100 is 28.999… in floating point)
 * ```
 */
export function reachesPercent(used: number, pool: number, percent: number): boolean {
  if (pool === 0) return percent <= 0;
  // Credits are whole; anything else (a caller's own figures) is compared as floating point.
  if (!Number.isInteger(used) || !Number.isInteger(pool)) return used * 100 >= percent * pool;
  const [numerator, denominator] = decimalFraction(percent);
  return BigInt(used) * 100n * denominator >= numerator * BigInt(pool);
}

/** A finite number as the fraction its shortest decimal spelling says (`70.5` → 705 / 10). */
function decimalFraction(value: number): [bigint, bigint] {
  const [mantissa = '0', exponent = '0'] = String(value).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const scale = Number(exponent) - fraction.length;
  const digits = BigInt(whole + fraction);
  return scale >= 0 ? [digits * 10n ** BigInt(scale), 1n] : [digits, 10n ** BigInt(-scale)];
}

/**
 * Credits used as a percentage of this period's pool (monthly pool plus top-ups), one decimal.
 *
 * @example
 * ```ts
 * usagePercentOf({ monthlyPool: 10_000, topUps: 2_000 }, 9_000); // 75
 * ```
 */
export function usagePercentOf(
  org: Pick<OrganizationRecord, 'monthlyPool' | 'topUps'>,
  used: number,
): number {
  const pool = poolOf(org);
  return pool === 0 ? 0 : Math.round((used / pool) * 1000) / 10;
}

/**
 * Everything the overview shows, from the pool row and the member totals.
 *
 * @example
 * ```ts
 * const overview = computeOverview(org, await store.memberTotals({ orgId }), pendingCount);
 * overview.usagePercent; // used ÷ (monthly pool + top-ups), in %, one decimal
 * ```
 */
export function computeOverview(
  org: OrganizationRecord,
  totals: { used: number; held: number; activeMembers: number },
  pendingRequests: number,
): Overview {
  const usagePercent = usagePercentOf(org, totals.used);
  return {
    orgId: org.id,
    name: org.name,
    period: { start: org.periodStart, end: org.periodEnd },
    monthlyPool: org.monthlyPool,
    topUps: org.topUps,
    pool: poolOf(org),
    allocated: org.allocated,
    unallocated: unallocatedOf(org),
    used: totals.used,
    held: totals.held,
    remaining: Math.max(0, poolOf(org) - totals.used),
    usagePercent,
    health: healthOf({ used: totals.used, pool: poolOf(org) }, org.thresholds),
    thresholds: org.thresholds,
    alerts: activeAlerts(org.alerts),
    memberCount: totals.activeMembers,
    pendingRequests,
  };
}

/**
 * A member's own balance for the current period.
 *
 * @example
 * ```ts
 * computeBalance(org, member); // { orgId, userId, allocated, used, remaining, period }
 * ```
 */
export function computeBalance(org: OrganizationRecord, member: MemberRecord): Balance {
  return {
    orgId: org.id,
    userId: member.userId,
    allocated: member.allocated,
    used: member.used,
    held: member.held,
    remaining: remainingOf(member),
    period: { start: org.periodStart, end: org.periodEnd },
  };
}
