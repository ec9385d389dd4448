import { err, ok, type Result } from 'neverthrow';
import { type AllotError, errors } from '../errors';
import type { MemberRecord, OrganizationRecord, RequestRecord } from '../port';
import type { CreditRequest, JournalEntry, Member } from '../schemas/records';
import { type DecisionContext, memberEntry, toMember } from './context';
import type { DecisionResult } from './decision';

/** A request after an approval, with the allocation it made. */
export interface ApprovalResult {
  request: CreditRequest;
  member: Member;
  entry: JournalEntry;
}

/** Opens a pending request for more credits. */
export function decideSubmitRequest(
  current: MemberRecord | null,
  input: { userId: string; amount: number; message?: string | undefined },
  ctx: DecisionContext,
): DecisionResult<CreditRequest> {
  if (!current || current.status !== 'active') return err(errors.notFound('member', input.userId));
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
 */
export function decideApproveRequest(
  org: OrganizationRecord,
  found: RequestRecord | null,
  current: MemberRecord | null,
  input: { requestId: string; amount?: number | undefined },
  ctx: DecisionContext,
): DecisionResult<ApprovalResult> {
  return pending(found, input.requestId).andThen((request) => {
    if (!current || current.status !== 'active') return err(errors.notFound('member', request.userId));
    const granted = input.amount ?? request.amount;
    if (granted > request.amount) {
      return err(
        errors.validation(`Cannot grant more than the ${request.amount} credits requested.`, [
          { path: 'amount', message: `must be at most ${request.amount}`, code: 'too_big' },
        ]),
      );
    }
    const unallocated = org.monthlyPool - org.allocated;
    if (granted > unallocated) return err(errors.insufficientPool(granted, unallocated));
    const decided: CreditRequest = {
      ...request,
      status: 'approved',
      decidedAt: ctx.now,
      decidedBy: ctx.actor,
      grantedAmount: granted,
    };
    const [member, entry] = memberEntry(
      { ...current, allocated: current.allocated + granted },
      {
        type: 'allocation',
        amount: granted,
        description: `Request approved (${granted} credits)`,
        requestId: request.id,
      },
      ctx,
    );
    const organization = { ...org, allocated: org.allocated + granted, updatedAt: ctx.now };
    return ok({
      changes: { organization, requests: [decided], members: [member], journal: [entry] },
      result: { request: decided, member: toMember(member), entry },
    });
  });
}

/** Closes a pending request without moving credits: rejected by an admin or cancelled by its requester. */
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
