import type { MemberRecord, OrganizationRecord } from '../port';
import type { Balance, Health, Overview, Thresholds } from '../schemas/records';
import { activeAlerts, poolOf, remainingOf, unallocatedOf } from './context';

/**
 * The pool's health colour: green below `yellow` % used, yellow below `red` %, red from `red` %.
 *
 * @example
 * ```ts
 * healthOf(75, { yellow: 70, red: 90 }); // 'yellow'
 * ```
 */
export function healthOf(usagePercent: number, thresholds: Thresholds): Health {
  if (usagePercent >= thresholds.red) return 'red';
  if (usagePercent >= thresholds.yellow) return 'yellow';
  return 'green';
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
    health: healthOf(usagePercent, org.thresholds),
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
