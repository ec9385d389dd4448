import { err, ok, Result } from 'neverthrow';
import { type AllotError, errors } from '../errors';
import type { MemberRecord, OrganizationRecord, RequestRecord } from '../port';
import type { CreditRequest, JournalEntry, Member } from '../schemas/records';
import { safeTotal } from './bounds';
import { type DecisionContext, memberEntry, toMember, unallocatedOf } from './context';
import type { DecisionResult } from './decision';

/**
 * A request after an approval, with the allocation it made.
 *
 * @example
 * ```ts
 * const { request, member, entry } = await orThrow(
 *   allot.approveRequest({ actor: admin, requestId, amount: 300 }),
 * );
 * request.grantedAmount; // 300
 * ```
 */
export interface ApprovalResult {
  request: CreditRequest;
  member: Member;
  entry: JournalEntry;
}

/**
 * Opens a pending request for more credits.
 *
 * Pure: it reads and writes nothing. The service loads the records under lock in one store
 * transaction, calls it, and writes `changes` with `tx.write`.
 * Err `not_found` when the requester is not an active member.
 *
 * @example
 * ```ts
 * const decision = decideSubmitRequest(member, { userId: 'bob', amount: 500, message: 'Launch week' }, ctx);
 * ```
 */
export function decideSubmitRequest(
  current: MemberRecord | null,
  input: { userId: string; amount: number; message?: string | undefined },
  ctx: DecisionContext,
): DecisionResult<CreditRequest> {
  if (current?.status !== 'active') return err(errors.notFound('member', input.userId));
  const request: CreditRequest = {
    id: ctx.newId(),
    orgId: current.orgId,
    userId: current.userId,
    userEmail: current.email,
    userName: current.name,
    amount: input.amount,
    message: input.message ?? null,
    status: 'pending',
    createdAt: ctx.now,
    decidedAt: null,
    decidedBy: null,
    grantedAmount: null,
    reason: null,
  };
  const [member, entry] = memberEntry(
    current,
    {
      type: 'request_submitted',
      amount: 0,
      description: `Requested ${input.amount} credits`,
      requestId: request.id,
    },
    ctx,
  );
  return ok({ changes: { requests: [request], members: [member], journal: [entry] }, result: request });
}

function pending(request: RequestRecord | null, requestId: string): Result<RequestRecord, AllotError> {
  if (!request) return err(errors.notFound('request', requestId));
  if (request.status !== 'pending') return err(errors.requestNotPending(request.status));
  return ok(request);
}

/**
 * Approves a pending request, granting the requested amount or less. The grant must fit in the
 * pool's unallocated credits, else it is refused and the request stays pending.
 *
 * Pure: it reads and writes nothing. The service loads the records under lock in one store
 * transaction, calls it, and writes `changes` with `tx.write`.
 * Err: `not_found` (no such request or member), `request_not_pending`, `insufficient_pool`,
 * `validation` (on `amount`, when an allocated total would pass `Number.MAX_SAFE_INTEGER`).
 *
 * @example
 * ```ts
 * const decision = decideApproveRequest(org, request, member, { requestId, amount: 300 }, ctx);
 * ```
 */
export function decideApproveRequest(
  org: OrganizationRecord,
  found: RequestRecord | null,
  current: MemberRecord | null,
  input: { requestId: string; amount?: number | undefined },
  ctx: DecisionContext,
): DecisionResult<ApprovalResult> {
  return pending(found, input.requestId).andThen((request) => {
    if (current?.status !== 'active') return err(errors.notFound('member', request.userId));
    const granted = input.amount ?? request.amount;
    if (granted > request.amount) {
      return err(
        errors.validation(`Cannot grant more than the ${request.amount} credits requested.`, [
          { path: 'amount', message: `must be at most ${request.amount}`, code: 'too_big' },
        ]),
      );
    }
    const unallocated = unallocatedOf(org);
    if (granted > unallocated) return err(errors.insufficientPool(granted, unallocated));
    const totals = Result.combine([
      safeTotal('amount', "the organization's allocated credits", org.allocated, granted),
      safeTotal('amount', "the member's allocation", current.allocated, granted),
    ]);
    if (totals.isErr()) return err(totals.error);
    const [orgAllocated, memberAllocated] = totals.value;
    const decided: CreditRequest = {
      ...request,
      status: 'approved',
      decidedAt: ctx.now,
      decidedBy: ctx.actor,
      grantedAmount: granted,
    };
    const [member, entry] = memberEntry(
      { ...current, allocated: memberAllocated },
      {
        type: 'allocation',
        amount: granted,
        description: `Request approved (${granted} credits)`,
        requestId: request.id,
      },
      ctx,
    );
    const organization = { ...org, allocated: orgAllocated, updatedAt: ctx.now };
    return ok({
      changes: { organization, requests: [decided], members: [member], journal: [entry] },
      result: { request: decided, member: toMember(member), entry },
    });
  });
}

/**
 * Closes a pending request without moving credits: rejected by an admin or cancelled by its requester.
 *
 * Pure: it reads and writes nothing. The service loads the records under lock in one store
 * transaction, calls it, and writes `changes` with `tx.write`.
 * Err: `not_found` (no such request or member), `request_not_pending`.
 *
 * @example
 * ```ts
 * const decision = decideCloseRequest(request, member, { requestId, outcome: 'rejected', reason: 'Not this month' }, ctx);
 * ```
 */
export function decideCloseRequest(
  found: RequestRecord | null,
  current: MemberRecord | null,
  input: { requestId: string; outcome: 'rejected' | 'cancelled'; reason?: string | undefined },
  ctx: DecisionContext,
): DecisionResult<CreditRequest> {
  return pending(found, input.requestId).andThen((request) => {
    if (!current) return err(errors.notFound('member', request.userId));
    const decided: CreditRequest = {
      ...request,
      status: input.outcome,
      decidedAt: ctx.now,
      decidedBy: ctx.actor,
      reason: input.reason ?? null,
    };
    const [member, entry] = memberEntry(
      current,
      {
        type: input.outcome === 'rejected' ? 'request_rejected' : 'request_cancelled',
        amount: 0,
        description:
          input.outcome === 'rejected'
            ? `Request rejected${input.reason ? `: ${input.reason}` : ''}`
            : 'Request cancelled',
        requestId: request.id,
      },
      ctx,
    );
    return ok({ changes: { requests: [decided], members: [member], journal: [entry] }, result: decided });
  });
}

/** The `reason` of a request cancelled because its requester was removed. */
const REMOVAL_REASON = 'Member removed';

/**
 * Cancels a departing member's pending requests, one `request_cancelled` entry each (amount 0),
 * decided by whoever removes them. `requests` are the member's pending requests, locked after the
 * member (a request only changes while its member's row is locked, so none can appear or close
 * meanwhile).
 *
 * Pure: it reads and writes nothing; `decideRemoveMember` calls it.
 *
 * @example
 * ```ts
 * const pending = await tx.lockPendingRequests({ orgId, userId: 'bob' });
 * const { member, requests, journal } = cancelOnRemoval(bob, pending, ctx);
 * ```
 */
export function cancelOnRemoval(
  current: MemberRecord,
  pendingRequests: readonly RequestRecord[],
  ctx: DecisionContext,
): { member: MemberRecord; requests: CreditRequest[]; journal: JournalEntry[] } {
  const requests: CreditRequest[] = [];
  const journal: JournalEntry[] = [];
  let member = current;
  for (const request of pendingRequests) {
    if (request.status !== 'pending' || request.userId !== current.userId) continue;
    requests.push({
      ...request,
      status: 'cancelled',
      decidedAt: ctx.now,
      decidedBy: ctx.actor,
      reason: REMOVAL_REASON,
    });
    const [next, entry] = memberEntry(
      member,
      {
        type: 'request_cancelled',
        amount: 0,
        description: `Request cancelled: ${REMOVAL_REASON.toLowerCase()}`,
        requestId: request.id,
      },
      ctx,
    );
    member = next;
    journal.push(entry);
  }
  return { member, requests, journal };
}
