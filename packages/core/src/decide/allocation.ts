import { err, ok, type Result } from 'neverthrow';
import { type AllotError, errors } from '../errors';
import type { HoldRecord, MemberRecord, OrganizationRecord, RequestRecord } from '../port';
import type { JournalEntry, Member } from '../schemas/records';
import { safeTotal } from './bounds';
import { type DecisionContext, memberEntry, remainingOf, toMember, unallocatedOf } from './context';
import type { DecisionResult } from './decision';
import { releaseHolds } from './holds';
import { cancelOnRemoval } from './requests';

/**
 * Result of an allocation change. `entry` is null when nothing changed.
 *
 * @example
 * ```ts
 * const { member, entry } = await orThrow(
 *   allot.assign({ actor: admin, userId: 'bob', total: 500 }),
 * );
 * entry?.type; // 'allocation' (or 'revocation' when the total went down); null when it did not change
 * ```
 */
export interface AllocationResult {
  member: Member;
  entry: JournalEntry | null;
}

function activeMember(member: MemberRecord | null, userId: string): Result<MemberRecord, AllotError> {
  return member && member.status === 'active' ? ok(member) : err(errors.notFound('member', userId));
}

/**
 * Sets a member's **total** allocation. The increase must fit in the pool's unallocated credits;
 * a total below what the member already used is refused.
 *
 * Pure: it reads and writes nothing. The service loads the records under lock in one store
 * transaction, calls it, and writes `changes` with `tx.write`.
 * Err: `not_found` (no active member), `insufficient_pool` (the increase does not fit in the
 * unallocated credits), `allocation_below_usage` (the total is below what the member used),
 * `validation` (on `total`, when the organization's allocated would pass `Number.MAX_SAFE_INTEGER`).
 *
 * @example
 * ```ts
 * const decision = decideAssign(org, member, 'bob', 500, ctx);
 * if (decision.isOk()) await tx.write(decision.value.changes);
 * ```
 */
export function decideAssign(
  org: OrganizationRecord,
  current: MemberRecord | null,
  userId: string,
  total: number,
  ctx: DecisionContext,
): DecisionResult<AllocationResult> {
  return activeMember(current, userId).andThen((member) => {
    const delta = total - member.allocated;
    if (delta === 0) return ok({ changes: {}, result: { member: toMember(member), entry: null } });
    const committed = member.used + member.held;
    if (total < committed) return err(errors.allocationBelowUsage(total, committed));
    if (delta > unallocatedOf(org)) return err(errors.insufficientPool(delta, unallocatedOf(org)));
    const allocated = safeTotal('total', "the organization's allocated credits", org.allocated, delta);
    if (allocated.isErr()) return err(allocated.error);
    const [updated, entry] = memberEntry(
      { ...member, allocated: total },
      {
        type: delta > 0 ? 'allocation' : 'revocation',
        amount: delta,
        description: `Allocation set to ${total}`,
      },
      ctx,
    );
    const organization = { ...org, allocated: allocated.value, updatedAt: ctx.now };
    return ok({
      changes: { organization, members: [updated], journal: [entry] },
      result: { member: toMember(updated), entry },
    });
  });
}

/**
 * Takes `amount` of a member's remaining credits back into the pool.
 *
 * Pure: it reads and writes nothing. The service loads the records under lock in one store
 * transaction, calls it, and writes `changes` with `tx.write`.
 * Err: `not_found` (no active member), `insufficient_credits` (more than the member's remaining).
 *
 * @example
 * ```ts
 * const decision = decideRevoke(org, member, 'bob', 100, ctx);
 * decision.map(({ result }) => result.member.remaining);
 * ```
 */
export function decideRevoke(
  org: OrganizationRecord,
  current: MemberRecord | null,
  userId: string,
  amount: number,
  ctx: DecisionContext,
): DecisionResult<AllocationResult> {
  return activeMember(current, userId).andThen((member) => {
    const remaining = remainingOf(member);
    if (amount > remaining) return err(errors.insufficientCredits(amount, remaining));
    const [updated, entry] = memberEntry(
      { ...member, allocated: member.allocated - amount },
      { type: 'revocation', amount: -amount, description: `Revoked ${amount}` },
      ctx,
    );
    const organization = { ...org, allocated: org.allocated - amount, updatedAt: ctx.now };
    return ok({
      changes: { organization, members: [updated], journal: [entry] },
      result: { member: toMember(updated), entry },
    });
  });
}

/**
 * Removes a member: their active holds are released, their pending requests are cancelled (a
 * `request_cancelled` entry each, reason "Member removed"), their remaining allocation returns to
 * the pool (a `revocation`), then a `member_removed` entry; their alert states end with the
 * membership. Their history stays. The last admin cannot be removed.
 *
 * Pure: it reads and writes nothing. The service loads the records under lock in one store
 * transaction, calls it, and writes `changes` with `tx.write`.
 * Err: `not_found` (no active member), `conflict` (the last admin).
 *
 * @example
 * ```ts
 * const decision = decideRemoveMember(org, member, 'bob', activeAdmins, activeHolds, pendingRequests, ctx);
 * ```
 */
export function decideRemoveMember(
  org: OrganizationRecord,
  current: MemberRecord | null,
  userId: string,
  activeAdmins: number,
  activeHolds: readonly HoldRecord[],
  pendingRequests: readonly RequestRecord[],
  ctx: DecisionContext,
): DecisionResult<{ member: Member }> {
  return activeMember(current, userId).andThen((active) => {
    if (active.role === 'admin' && activeAdmins <= 1) {
      return err(
        errors.conflict('This is the last admin of the organization; make someone else admin first.'),
      );
    }
    const released = releaseHolds(active, activeHolds, 'released', 'Released on removal', ctx);
    const closed = cancelOnRemoval(released.member, pendingRequests, ctx);
    const member = closed.member;
    const remaining = remainingOf(member);
    const journal: JournalEntry[] = [...released.journal, ...closed.journal];
    let state = member;
    if (remaining > 0) {
      const [revoked, entry] = memberEntry(
        { ...state, allocated: state.used },
        { type: 'revocation', amount: -remaining, description: 'Remaining credits returned on removal' },
        ctx,
      );
      state = revoked;
      journal.push(entry);
    }
    const [removed, entry] = memberEntry(
      { ...state, status: 'removed', alerts: {} },
      { type: 'member_removed', amount: 0, description: `${member.email} removed` },
      ctx,
    );
    journal.push(entry);
    const organization = { ...org, allocated: org.allocated - remaining, updatedAt: ctx.now };
    return ok({
      changes: {
        organization,
        members: [removed],
        holds: released.holds,
        ...(closed.requests.length > 0 ? { requests: closed.requests } : {}),
        journal,
      },
      result: { member: toMember(removed) },
    });
  });
}
