import { err, ok, type Result } from 'neverthrow';
import { type AllotError, errors } from '../errors';
import type { MemberRecord, OrganizationRecord } from '../port';
import type { JournalEntry, Member } from '../schemas/records';
import { safeTotal } from './bounds';
import { type DecisionContext, memberEntry, remainingOf, toMember } from './context';
import type { DecisionResult } from './decision';

/**
 * The usage entry written and the member after it.
 *
 * @example
 * ```ts
 * const { usage, member } = await orThrow(
 *   allot.consume({ actor: actors.system(), orgId, userId: 'bob', amount: 120, idempotencyKey: 'job-42' }),
 * );
 * await allot.refund({ actor: actors.system(), orgId, usageId: usage.id, idempotencyKey: 'job-42:refund' });
 * ```
 */
export interface ConsumeResult {
  usage: JournalEntry;
  member: Member;
}

/**
 * The refund entry written and the member after it.
 *
 * @example
 * ```ts
 * const { refund, member } = await orThrow(
 *   allot.refund({ actor: actors.system(), orgId, usageId, amount: 20, idempotencyKey: 'job-42:refund' }),
 * );
 * refund.amount; // 20
 * ```
 */
export interface RefundResult {
  refund: JournalEntry;
  member: Member;
}

/**
 * The member, when it is active and has at least `amount` remaining: what consume and reserve
 * both require before taking credits.
 *
 * @example
 * ```ts
 * spendable(member, 'bob', 120).map((m) => remainingOf(m)); // Err insufficient_credits when short
 * ```
 */
export function spendable(
  current: MemberRecord | null,
  userId: string,
  amount: number,
): Result<MemberRecord, AllotError> {
  if (current?.status !== 'active') return err(errors.notFound('member', userId));
  const remaining = remainingOf(current);
  if (amount > remaining) return err(errors.insufficientCredits(amount, remaining));
  return ok(current);
}

/**
 * Spends `amount` of a member's remaining credits. Never lets remaining go below zero.
 *
 * Pure: it reads and writes nothing. The service loads the records under lock in one store
 * transaction, calls it, and writes `changes` with `tx.write`.
 * Err: `not_found` (no active member), `insufficient_credits` (more than remaining),
 * `validation` (used would pass `Number.MAX_SAFE_INTEGER`; only a state stored past it can get there).
 *
 * @example
 * ```ts
 * const decision = decideConsume(member, { userId: 'bob', amount: 120, description: 'Render' }, ctx);
 * ```
 */
export function decideConsume(
  current: MemberRecord | null,
  input: {
    userId: string;
    amount: number;
    description: string;
    metadata?: JournalEntry['metadata'] | undefined;
  },
  ctx: DecisionContext,
): DecisionResult<ConsumeResult> {
  return spendable(current, input.userId, input.amount).andThen((active) =>
    safeTotal('amount', "the member's used credits", active.used, input.amount).map((used) => {
      const [member, usage] = memberEntry(
        { ...active, used },
        {
          type: 'usage',
          amount: -input.amount,
          description: input.description,
          metadata: input.metadata ?? null,
        },
        ctx,
      );
      return {
        changes: { members: [member], journal: [usage] },
        result: { usage, member: toMember(member) },
      };
    }),
  );
}

/**
 * Gives back part or all of one usage. At most what that usage has not had refunded; a usage
 * from a closed billing period is refused with `period_closed`.
 *
 * Pure: it reads and writes nothing. The service loads the records under lock in one store
 * transaction, calls it, and writes `changes` with `tx.write`.
 * Err: `not_found` (no such usage or member), `period_closed` (a usage of a closed period),
 * `conflict` (already refunded in full), `validation` (more than what is left to refund, or a
 * balance after it that would pass `Number.MAX_SAFE_INTEGER`).
 *
 * @example
 * ```ts
 * const decision = decideRefund(org, usage, member, { usageId, amount: 20, description: '' }, alreadyRefunded, ctx);
 * ```
 */
export function decideRefund(
  org: OrganizationRecord,
  usage: JournalEntry | null,
  current: MemberRecord | null,
  input: { usageId: string; amount?: number | undefined; description: string },
  alreadyRefunded: number,
  ctx: DecisionContext,
): DecisionResult<RefundResult> {
  if (usage?.type !== 'usage' || !usage.userId) return err(errors.notFound('usage', input.usageId));
  if (usage.at < org.periodStart) {
    return err(
      errors.periodClosed('The usage belongs to a closed billing period and can no longer be refunded.'),
    );
  }
  if (!current) return err(errors.notFound('member', usage.userId));
  const refundable = -usage.amount - alreadyRefunded;
  if (refundable <= 0) return err(errors.conflict('This usage has already been refunded in full.'));
  const amount = input.amount ?? refundable;
  if (amount > refundable) {
    return err(
      errors.validation(`The usage has ${refundable} credits left to refund; ${amount} were asked for.`, [
        { path: 'amount', message: `must be at most ${refundable}`, code: 'too_big' },
      ]),
    );
  }
  const balance = safeTotal('amount', "the member's balance after the refund", remainingOf(current), amount);
  if (balance.isErr()) return err(balance.error);
  const [member, refund] = memberEntry(
    { ...current, used: current.used - amount },
    {
      type: 'refund',
      amount,
      description: input.description || `Refund of ${usage.description || 'usage'}`,
      usageId: usage.id,
    },
    ctx,
  );
  return ok({
    changes: { members: [member], journal: [refund] },
    result: { refund, member: toMember(member) },
  });
}
