import type { JournalEntry } from '@allot/core';
import { exact } from './exact';
import type { Report, Snapshot } from './types';

/**
 * For each member, used = Σ usage − Σ refunds over entries since the current period started;
 * refunds never exceed their usage and name one (summed exactly, as BigInt); usage is negative and refunds positive.
 * (One effect per idempotency key is checked in `keys.ts`.)
 */
export function checkEffects({ org, members, journal }: Snapshot, report: Report): void {
  const periodStart = Date.parse(org.periodStart);
  const usedByMember = new Map<string, bigint>();
  const usages = new Map<string, JournalEntry>();
  const refunded = new Map<string, bigint>();

  for (const entry of journal) {
    if (entry.type !== 'usage' && entry.type !== 'refund') continue;
    if (entry.type === 'usage' && entry.amount >= 0)
      report('usage-sign', `usage ${entry.id} must be negative`);
    if (entry.type === 'refund' && entry.amount <= 0)
      report('refund-sign', `refund ${entry.id} must be positive`);
    if (entry.type === 'usage') usages.set(entry.id, entry);
    else if (entry.usageId)
      refunded.set(entry.usageId, (refunded.get(entry.usageId) ?? 0n) + exact(entry.amount));
    else report('refund-references-usage', `refund ${entry.id} names no usage`);
    if (entry.userId !== null && Date.parse(entry.at) >= periodStart) {
      usedByMember.set(entry.userId, (usedByMember.get(entry.userId) ?? 0n) - exact(entry.amount));
    }
  }

  for (const member of members) {
    const expected = usedByMember.get(member.userId) ?? 0n;
    if (exact(member.used) !== expected) {
      report(
        'member-used-matches-journal',
        `member ${member.userId}: used is ${member.used} but this period's usage minus refunds is ${expected}`,
      );
    }
  }

  for (const [usageId, total] of refunded) {
    const usage = usages.get(usageId);
    if (!usage) {
      report(
        'refund-references-usage',
        `refunds reference ${usageId}, which is not a usage of this organization`,
      );
    } else if (total > -exact(usage.amount)) {
      report('refund-within-usage', `usage ${usageId} of ${-usage.amount} has ${total} refunded`);
    }
  }
}
