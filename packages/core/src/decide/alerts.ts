import type { AlertStates, MemberRecord, OrganizationRecord } from '../port';
import type { AlertDetails, AllotEvent } from '../schemas/events';
import type { MemberAlerts, MemberAlertThreshold, PoolAlertThreshold } from '../schemas/records';
import { type DecisionContext, poolOf, remainingOf } from './context';
import { reachesPercent, usagePercentOf } from './views';

/**
 * Moves each threshold's state for one period: a breach fires once (`active`), clearing it sends a
 * recovery (`cleared`); a cleared threshold stays quiet until the next period.
 */
function transitions<T extends string>(
  states: AlertStates<T>,
  breaches: Iterable<readonly [T, boolean, ...unknown[]]>,
): { states: AlertStates<T>; fired: T[]; recovered: T[] } {
  const fired: T[] = [];
  const recovered: T[] = [];
  for (const [threshold, isBreached] of breaches) {
    if (isBreached && states[threshold] === undefined) fired.push(threshold);
    else if (!isBreached && states[threshold] === 'active') recovered.push(threshold);
  }
  if (fired.length === 0 && recovered.length === 0) return { states, fired, recovered };
  const next: AlertStates<T> = { ...states };
  for (const threshold of fired) next[threshold] = 'active';
  for (const threshold of recovered) next[threshold] = 'cleared';
  return { states: next, fired, recovered };
}

function alertEvents(
  orgId: string,
  fired: AlertDetails[],
  recovered: AlertDetails[],
  ctx: DecisionContext,
): AllotEvent[] {
  const event = (type: 'alert.triggered' | 'alert.recovered', alert: AlertDetails): AllotEvent => ({
    id: ctx.newId(),
    type,
    orgId,
    at: ctx.now,
    alert,
  });
  return [
    ...fired.map((a) => event('alert.triggered', a)),
    ...recovered.map((a) => event('alert.recovered', a)),
  ];
}

/** Whether the member is below each threshold; a threshold switched off counts as not below. */
function memberBreaches(
  settings: MemberAlerts,
  member: MemberRecord,
  remaining: number,
): [MemberAlertThreshold, boolean, number][] {
  // A member with nothing allocated has nothing to run low on.
  const funded = member.allocated > 0;
  const credits = settings.remainingBelow;
  const percent = settings.remainingBelowPercent;
  return [
    ['remaining_below', funded && credits !== null && remaining < credits, credits ?? 0],
    [
      'remaining_below_percent',
      funded && percent !== null && remaining * 100 < percent * member.allocated,
      percent ?? 0,
    ],
  ];
}

/**
 * A member's low-credit alerts after a change: fires `alert.triggered` when remaining drops below
 * a threshold (once per period) and `alert.recovered` when it is back above. Members with nothing
 * allocated are never low; removed members keep their state and get no alerts.
 *
 * Pure: it reads and writes nothing.
 *
 * @example
 * ```ts
 * const { member, events } = memberAlertUpdate(org.memberAlerts, memberAfterConsume, ctx);
 * ```
 */
export function memberAlertUpdate(
  settings: MemberAlerts,
  member: MemberRecord,
  ctx: DecisionContext,
): { member: MemberRecord; events: AllotEvent[] } {
  if (member.status !== 'active') return { member, events: [] };
  const remaining = remainingOf(member);
  const breaches = memberBreaches(settings, member, remaining);
  const moved = transitions(member.alerts, breaches);
  if (moved.fired.length === 0 && moved.recovered.length === 0) return { member, events: [] };
  const details = (threshold: MemberAlertThreshold): AlertDetails => ({
    scope: 'member',
    userId: member.userId,
    threshold,
    limit: breaches.find(([t]) => t === threshold)?.[2] ?? 0,
    remaining,
    allocated: member.allocated,
  });
  return {
    member: { ...member, alerts: moved.states },
    events: alertEvents(member.orgId, moved.fired.map(details), moved.recovered.map(details), ctx),
  };
}

/**
 * The pool's alerts given its members' usage: fires when usage reaches the organization's yellow
 * or red line (once per period each) and recovers when it drops below again (a refund, a top-up,
 * a larger pool). `null` when nothing changes.
 *
 * Pure: it reads and writes nothing.
 *
 * @example
 * ```ts
 * const update = poolAlertUpdate(org, await store.memberTotals({ orgId }), ctx);
 * if (update) await tx.write({ organization: update.organization, events: update.events });
 * ```
 */
export function poolAlertUpdate(
  org: OrganizationRecord,
  totals: { used: number },
  ctx: DecisionContext,
): { organization: OrganizationRecord; events: AllotEvent[] } | null {
  const usagePercent = usagePercentOf(org, totals.used);
  const limits: Record<PoolAlertThreshold, number> = {
    yellow: org.thresholds.yellow,
    red: org.thresholds.red,
  };
  // The exact share decides, as for the health colour; `usagePercent` (rounded) is only reported.
  const reached = (threshold: PoolAlertThreshold) =>
    reachesPercent(totals.used, poolOf(org), limits[threshold]);
  const moved = transitions(org.alerts, [
    ['yellow', reached('yellow')],
    ['red', reached('red')],
  ] as const);
  if (moved.fired.length === 0 && moved.recovered.length === 0) return null;
  const details = (threshold: PoolAlertThreshold): AlertDetails => ({
    scope: 'pool',
    threshold,
    limit: limits[threshold],
    usagePercent,
    used: totals.used,
    pool: poolOf(org),
  });
  return {
    organization: { ...org, alerts: moved.states },
    events: alertEvents(org.id, moved.fired.map(details), moved.recovered.map(details), ctx),
  };
}
