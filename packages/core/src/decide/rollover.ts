import { isPeriodOver, periodContaining } from '../period';
import type { ChangeSet, HoldRecord, MemberRecord, OrganizationRecord } from '../port';
import type { AllotEvent } from '../schemas/events';
import type { JournalEntry } from '../schemas/records';
import { type DecisionContext, memberEntry, organizationEntry, remainingOf } from './context';
import { releaseHolds } from './holds';

/**
 * Closes the organization's billing period if `ctx.now` is past its end: every member's usage
 * resets to zero and allocations follow the rollover policy (`carry` keeps them, `reset` zeroes
 * them; removed members always drop to zero). Carried allocations that no longer fit in the new
 * period's pool (a top-up ended, or the monthly pool was lowered) are scaled down in proportion,
 * rounded down. Each member with a balance or an active
 * membership gets a `rollover` entry whose amount moves its balance to the new remaining, so
 * its chain stays unbroken. Active holds belong to the closing period: they are released first.
 * Top-ups and this period's alert states end with it. Returns `null` when the period is still current.
 *
 * Pure: it reads and writes nothing; it never fails.
 *
 * @example
 * ```ts
 * const members = await tx.lockAllMembers({ orgId: org.id });
 * const rolled = decideRollover(org, members, await tx.listActiveHolds({ orgId: org.id }), ctx);
 * if (rolled) await tx.write(rolled.changes);
 * ```
 */
export function decideRollover(
  org: OrganizationRecord,
  members: MemberRecord[],
  activeHolds: readonly HoldRecord[],
  ctx: DecisionContext,
): { changes: ChangeSet; organization: OrganizationRecord } | null {
  if (!isPeriodOver({ end: org.periodEnd }, ctx.now)) return null;
  const containing = periodContaining(new Date(ctx.now), org.periodAnchorDay);
  // After an anchor-day change the period containing now may start before the old one ended;
  // start it at the old end so periods never overlap (a usage is in exactly one period).
  const next = containing.start < org.periodEnd ? { ...containing, start: org.periodEnd } : containing;
  const journal: JournalEntry[] = [];
  const updated: MemberRecord[] = [];
  const holds: HoldRecord[] = [];
  let allocated = 0;
  let used = 0;
  // Summed exactly: the scale factor must see every credit, so the new period's allocations
  // (at most its monthly pool) stay within Number.MAX_SAFE_INTEGER whatever was carried.
  const carried = members.reduce((sum, m) => sum + (m.status === 'active' ? BigInt(m.allocated) : 0n), 0n);
  const pool = BigInt(org.monthlyPool);
  const carry = (amount: number) => (carried <= pool ? amount : Number((BigInt(amount) * pool) / carried));
  for (const current of members) {
    const released = releaseHolds(
      current,
      activeHolds.filter((h) => h.userId === current.userId),
      'released',
      'Released at the end of the billing period',
      ctx,
    );
    const member = released.member;
    holds.push(...released.holds);
    journal.push(...released.journal);
    used += member.used;
    const keep = org.rolloverPolicy === 'carry' && member.status === 'active';
    const rolled: MemberRecord = {
      ...member,
      allocated: keep ? carry(member.allocated) : 0,
      used: 0,
      alerts: {},
    };
    allocated += rolled.allocated;
    const amount = remainingOf(rolled) - remainingOf(member);
    if (member.status === 'removed' && amount === 0 && member.allocated === 0 && member.used === 0) continue;
    const [withSeq, entry] = memberEntry(
      rolled,
      {
        type: 'rollover',
        amount,
        description: `Billing period ${next.start.slice(0, 10)} started (${org.rolloverPolicy})`,
      },
      { ...ctx, idempotencyKey: undefined },
    );
    updated.push(withSeq);
    journal.push(entry);
  }
  const [organization, orgEntry] = organizationEntry(
    { ...org, allocated, topUps: 0, alerts: {}, periodStart: next.start, periodEnd: next.end },
    {
      type: 'period_started',
      description: `Billing period ${next.start.slice(0, 10)} – ${next.end.slice(0, 10)}`,
    },
    { ...ctx, idempotencyKey: undefined },
  );
  const closed = {
    start: org.periodStart,
    end: org.periodEnd,
    monthlyPool: org.monthlyPool,
    topUps: org.topUps,
    allocated: org.allocated,
    used,
  };
  const rolledOver: AllotEvent = {
    id: ctx.newId(),
    type: 'period.rolled_over',
    orgId: org.id,
    at: ctx.now,
    closed,
    current: { start: next.start, end: next.end },
  };
  return {
    organization,
    changes: {
      organization,
      period: { orgId: org.id, ...closed },
      members: updated,
      holds,
      journal: [orgEntry, ...journal],
      events: [rolledOver],
    },
  };
}
