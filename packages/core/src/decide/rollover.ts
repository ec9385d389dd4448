import { isPeriodOver, periodContaining } from '../period';
import type { ChangeSet, MemberRecord, OrganizationRecord } from '../port';
import type { JournalEntry } from '../schemas/records';
import { type DecisionContext, memberEntry, organizationEntry, remainingOf } from './context';

/**
 * Closes the organization's billing period if `ctx.now` is past its end: every member's usage
 * resets to zero and allocations follow the rollover policy (`carry` keeps them, `reset` zeroes
 * them; removed members always drop to zero). Each member with a balance or an active
 * membership gets a `rollover` entry whose amount moves its balance to the new remaining, so
 * its chain stays unbroken. Returns `null` when the period is still current.
 *
 * Pure: it reads and writes nothing; it never fails.
 *
 * @example
 * ```ts
 * const rolled = decideRollover(org, await tx.lockAllMembers({ orgId: org.id }), ctx);
 * if (rolled) await tx.write(rolled.changes);
 * ```
 */
export function decideRollover(
  org: OrganizationRecord,
  members: MemberRecord[],
  ctx: DecisionContext,
): { changes: ChangeSet; organization: OrganizationRecord } | null {
  if (!isPeriodOver({ end: org.periodEnd }, ctx.now)) return null;
  const containing = periodContaining(new Date(ctx.now), org.periodAnchorDay);
  // After an anchor-day change the period containing now may start before the old one ended;
  // start it at the old end so periods never overlap (a usage is in exactly one period).
  const next = containing.start < org.periodEnd ? { ...containing, start: org.periodEnd } : containing;
  const journal: JournalEntry[] = [];
  const updated: MemberRecord[] = [];
  let allocated = 0;
  let used = 0;
  for (const member of members) {
    used += member.used;
    const keep = org.rolloverPolicy === 'carry' && member.status === 'active';
    const rolled: MemberRecord = { ...member, allocated: keep ? member.allocated : 0, used: 0 };
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
    { ...org, allocated, periodStart: next.start, periodEnd: next.end },
    {
      type: 'period_started',
      description: `Billing period ${next.start.slice(0, 10)} – ${next.end.slice(0, 10)}`,
    },
    { ...ctx, idempotencyKey: undefined },
  );
  return {
    organization,
    changes: {
      organization,
      period: {
        orgId: org.id,
        start: org.periodStart,
        end: org.periodEnd,
        monthlyPool: org.monthlyPool,
        allocated: org.allocated,
        used,
      },
      members: updated,
      journal: [orgEntry, ...journal],
    },
  };
}
