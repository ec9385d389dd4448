import type { MemberRecord, OrganizationRecord } from '../port';
import type { Balance, Health, Overview, Thresholds } from '../schemas/records';
import { remainingOf } from './context';

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
 * Everything the overview shows, from the pool row and the member totals.
 *
 * @example
 * ```ts
 * const overview = computeOverview(org, await store.memberTotals({ orgId }), pendingCount);
 * overview.usagePercent; // used ÷ monthly pool, in %, one decimal
 * ```
 */
export function computeOverview(
  org: OrganizationRecord,
  totals: { used: number; activeMembers: number },
  pendingRequests: number,
): Overview {
  const usagePercent = org.monthlyPool === 0 ? 0 : Math.round((totals.used / org.monthlyPool) * 1000) / 10;
  return {
    orgId: org.id,
    name: org.name,
    period: { start: org.periodStart, end: org.periodEnd },
    monthlyPool: org.monthlyPool,
    allocated: org.allocated,
    unallocated: org.monthlyPool - org.allocated,
    used: totals.used,
    remaining: Math.max(0, org.monthlyPool - totals.used),
    usagePercent,
    health: healthOf(usagePercent, org.thresholds),
    thresholds: org.thresholds,
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
    remaining: remainingOf(member),
    period: { start: org.periodStart, end: org.periodEnd },
  };
}
