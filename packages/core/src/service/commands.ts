import { err, ok, type ResultAsync } from 'neverthrow';
import { type AllocationResult, decideAssign, decideRemoveMember, decideRevoke } from '../decide/allocation';
import {
  type AccessPolicy,
  authorizeApproval,
  authorizePoolChange,
  authorizeSettingsChange,
  DEFAULT_ACCESS_POLICY,
  subjectOf,
} from '../decide/authorize';
import type { DecisionContext } from '../decide/context';
import {
  type CaptureResult,
  decideCapture,
  decideRelease,
  decideReserve,
  decideTopUp,
  type HoldResult,
  type TopUpResult,
} from '../decide/holds';
import { decideEnroll, decideSetRole, type EnrollResult, emailDomain } from '../decide/membership';
import { changedSettings, decideCreateOrganization, decideUpdateSettings } from '../decide/organization';
import { isPublicEmailDomain } from '../decide/public-domains';
import {
  type ApprovalResult,
  decideApproveRequest,
  decideCloseRequest,
  decideSubmitRequest,
} from '../decide/requests';
import { type ConsumeResult, decideConsume, decideRefund, type RefundResult } from '../decide/usage';
import { type AllotError, errors } from '../errors';
import type { OrganizationRecord, StoreTransaction } from '../port';
import * as s from '../schemas/commands';
import type { CreditRequest, Member, Organization } from '../schemas/records';
import type { AllotImplementation, AllotMethod } from './allot';
import type { ReadName } from './reads';
import {
  abort,
  currentOrganization,
  lockMember,
  parseCall,
  type Runtime,
  runCommand,
  unwrap,
  type WithActor,
} from './runtime';
import { toOrganization } from './views';

/**
 * The commands of {@link Allot}; each runs in one store transaction and writes the journal.
 * `access` says what org admins may do beyond their role (see `createAllot`'s options).
 */
export function createCommands(
  rt: Runtime,
  access: AccessPolicy = DEFAULT_ACCESS_POLICY,
): AllotImplementation<Exclude<AllotMethod, ReadName>> {
  return {
    createOrganization(call: WithActor<s.CreateOrganizationInput>): ResultAsync<Organization, AllotError> {
      return parseCall(s.createOrganizationInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: null, actor, name: 'createOrganization', requirement: 'system', input },
          async (tx, ctx) => {
            if (input.id && (await tx.getOrganization({ orgId: input.id }))) {
              return err(errors.conflict(`An organization with id "${input.id}" already exists.`));
            }
            const decided = decideCreateOrganization(input, ctx);
            if (decided.isOk()) await assertDomainsFree(tx, input.domains, null);
            return decided.map((d) => ({ ...d, result: toOrganization(d.result) }));
          },
        ),
      );
    },

    updateSettings(call: WithActor<s.UpdateSettingsInput>): ResultAsync<Organization, AllotError> {
      return parseCall(s.updateSettingsInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: input.orgId, actor, name: 'updateSettings', requirement: 'admin', input },
          async (tx, ctx, principal) => {
            const org = await currentOrganization(tx, input.orgId, ctx, true);
            const { orgId: _o, idempotencyKey: _k, ...patch } = input;
            unwrap(authorizeSettingsChange(principal, changedSettings(org, patch), access));
            const decided = decideUpdateSettings(org, patch, ctx);
            if (decided.isOk() && input.domains) await assertDomainsFree(tx, input.domains, org.id);
            return decided.map((d) => ({ ...d, result: toOrganization(d.result) }));
          },
        ),
      );
    },

    enroll(call: WithActor<s.EnrollInput>): ResultAsync<EnrollResult, AllotError> {
      return parseCall(s.enrollInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: null, actor, name: 'enroll', requirement: 'system', input },
          async (tx, ctx) => {
            const domain = emailDomain(input.email);
            // A public provider's domain never enrolls, even one claimed before claims were checked.
            const match = isPublicEmailDomain(domain) ? null : await tx.findOrganizationByDomain({ domain });
            if (!match)
              return ok({ changes: {}, result: { outcome: 'no_matching_org', orgId: null, member: null } });
            const org = await currentOrganization(tx, match.id, ctx, true);
            const existing = await lockMember(tx, org.id, input.userId, ctx);
            return decideEnroll(org, existing, input, ctx);
          },
        ),
      );
    },

    setRole(call: WithActor<s.SetRoleInput>): ResultAsync<{ member: Member }, AllotError> {
      return parseCall(s.setRoleInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: input.orgId, actor, name: 'setRole', requirement: 'admin', input },
          async (tx, ctx) => {
            await currentOrganization(tx, input.orgId, ctx, true);
            const member = await lockMember(tx, input.orgId, input.userId, ctx);
            return decideSetRole(member, input, await tx.countAdmins({ orgId: input.orgId }), ctx);
          },
        ),
      );
    },

    removeMember(call: WithActor<s.RemoveMemberInput>): ResultAsync<{ member: Member }, AllotError> {
      return parseCall(s.removeMemberInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: input.orgId, actor, name: 'removeMember', requirement: 'admin', input },
          async (tx, ctx) => {
            const org = await currentOrganization(tx, input.orgId, ctx, true);
            const member = await lockMember(tx, input.orgId, input.userId, ctx);
            const open = { orgId: org.id, userId: input.userId };
            return decideRemoveMember(
              org,
              member,
              input.userId,
              await tx.countAdmins({ orgId: org.id }),
              member ? await tx.listActiveHolds(open) : [],
              // Locked after the member, as every command locks requests (see lockRequestOf).
              member?.status === 'active' ? await tx.lockPendingRequests(open) : [],
              ctx,
            );
          },
        ),
      );
    },

    assign(call: WithActor<s.AssignInput>): ResultAsync<AllocationResult, AllotError> {
      return parseCall(s.assignInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: input.orgId, actor, name: 'assign', requirement: 'admin', input },
          async (tx, ctx) => {
            const org = await currentOrganization(tx, input.orgId, ctx, true);
            const member = await lockMember(tx, org.id, input.userId, ctx);
            return decideAssign(org, member, input.userId, input.total, ctx);
          },
        ),
      );
    },

    revoke(call: WithActor<s.RevokeInput>): ResultAsync<AllocationResult, AllotError> {
      return parseCall(s.revokeInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: input.orgId, actor, name: 'revoke', requirement: 'admin', input },
          async (tx, ctx) => {
            const org = await currentOrganization(tx, input.orgId, ctx, true);
            const member = await lockMember(tx, org.id, input.userId, ctx);
            return decideRevoke(org, member, input.userId, input.amount, ctx);
          },
        ),
      );
    },

    consume(call: WithActor<s.ConsumeInput>): ResultAsync<ConsumeResult, AllotError> {
      return parseCall(s.consumeInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: input.orgId, actor, name: 'consume', requirement: 'admin', input },
          async (tx, ctx) => {
            await currentOrganization(tx, input.orgId, ctx, false);
            const member = await lockMember(tx, input.orgId, input.userId, ctx);
            return decideConsume(member, input, ctx);
          },
        ),
      );
    },

    refund(call: WithActor<s.RefundInput>): ResultAsync<RefundResult, AllotError> {
      return parseCall(s.refundInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: input.orgId, actor, name: 'refund', requirement: 'admin', input },
          async (tx, ctx) => {
            const org = await currentOrganization(tx, input.orgId, ctx, false);
            const usage = await tx.getJournalEntry({ orgId: org.id, entryId: input.usageId });
            const member = usage?.userId ? await lockMember(tx, org.id, usage.userId, ctx) : null;
            const refunded = usage ? await tx.sumRefunds({ orgId: org.id, usageId: usage.id }) : 0;
            return decideRefund(org, usage, member, input, refunded, ctx);
          },
        ),
      );
    },

    submitRequest(call: WithActor<s.SubmitRequestInput>): ResultAsync<CreditRequest, AllotError> {
      return parseCall(s.submitRequestInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: input.orgId, actor, name: 'submitRequest', requirement: 'member', input },
          async (tx, ctx, principal) => {
            const userId = unwrap(subjectOf(principal, input.userId, false));
            await currentOrganization(tx, input.orgId, ctx, false);
            const member = await lockMember(tx, input.orgId, userId, ctx);
            return decideSubmitRequest(member, { ...input, userId }, ctx);
          },
        ),
      );
    },

    approveRequest(call: WithActor<s.ApproveRequestInput>): ResultAsync<ApprovalResult, AllotError> {
      return parseCall(s.approveRequestInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: input.orgId, actor, name: 'approveRequest', requirement: 'admin', input },
          async (tx, ctx, principal) => {
            const org = await currentOrganization(tx, input.orgId, ctx, true);
            const { request, member } = await lockRequestOf(tx, org.id, input.requestId, ctx);
            unwrap(authorizeApproval(principal, request, access));
            return decideApproveRequest(org, request, member, input, ctx);
          },
        ),
      );
    },

    rejectRequest(call: WithActor<s.RejectRequestInput>): ResultAsync<CreditRequest, AllotError> {
      return parseCall(s.rejectRequestInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: input.orgId, actor, name: 'rejectRequest', requirement: 'admin', input },
          async (tx, ctx) => {
            await currentOrganization(tx, input.orgId, ctx, false);
            const { request, member } = await lockRequestOf(tx, input.orgId, input.requestId, ctx);
            return decideCloseRequest(request, member, { ...input, outcome: 'rejected' }, ctx);
          },
        ),
      );
    },

    cancelRequest(call: WithActor<s.CancelRequestInput>): ResultAsync<CreditRequest, AllotError> {
      return parseCall(s.cancelRequestInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: input.orgId, actor, name: 'cancelRequest', requirement: 'member', input },
          async (tx, ctx, principal) => {
            await currentOrganization(tx, input.orgId, ctx, false);
            const seen = await tx.getRequest({ orgId: input.orgId, requestId: input.requestId });
            if (seen && principal.type === 'user' && seen.userId !== principal.member.userId) {
              forbid('Only the member who made a request may cancel it.');
            }
            const { request, member } = await lockRequestOf(tx, input.orgId, input.requestId, ctx);
            // Authorization read the membership before any lock: a removal since then refuses.
            if (request && principal.type === 'user' && member?.status !== 'active') {
              forbid('You are no longer a member of this organization.');
            }
            return decideCloseRequest(request, member, { ...input, outcome: 'cancelled' }, ctx);
          },
        ),
      );
    },

    reserve(call: WithActor<s.ReserveInput>): ResultAsync<HoldResult, AllotError> {
      return parseCall(s.reserveInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: input.orgId, actor, name: 'reserve', requirement: 'admin', input },
          async (tx, ctx) => {
            await currentOrganization(tx, input.orgId, ctx, false);
            const member = await lockMember(tx, input.orgId, input.userId, ctx);
            return decideReserve(member, input, ctx);
          },
        ),
      );
    },

    capture(call: WithActor<s.CaptureInput>): ResultAsync<CaptureResult, AllotError> {
      return parseCall(s.captureInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: input.orgId, actor, name: 'capture', requirement: 'admin', input },
          async (tx, ctx) => {
            const { hold, member } = await lockHoldMember(tx, input.orgId, input.holdId, ctx);
            return decideCapture(hold, member, input, ctx);
          },
        ),
      );
    },

    release(call: WithActor<s.ReleaseInput>): ResultAsync<HoldResult, AllotError> {
      return parseCall(s.releaseInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: input.orgId, actor, name: 'release', requirement: 'admin', input },
          async (tx, ctx) => {
            const { hold, member } = await lockHoldMember(tx, input.orgId, input.holdId, ctx);
            return decideRelease(hold, member, input.holdId, ctx);
          },
        ),
      );
    },

    topUp(call: WithActor<s.TopUpInput>): ResultAsync<TopUpResult, AllotError> {
      return parseCall(s.topUpInput, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: input.orgId, actor, name: 'topUp', requirement: 'admin', input },
          async (tx, ctx, principal) => {
            unwrap(authorizePoolChange(principal, access));
            return decideTopUp(await currentOrganization(tx, input.orgId, ctx, true), input, ctx);
          },
        ),
      );
    },
  };
}

/**
 * Loads a hold and locks its member (expiring due holds), then reads the hold again: holds only
 * change under their member's lock, so the second read is the one to decide on.
 */
async function lockHoldMember(tx: StoreTransaction, orgId: string, holdId: string, ctx: DecisionContext) {
  await currentOrganization(tx, orgId, ctx, false);
  const seen = await tx.getHold({ orgId, holdId });
  if (!seen) return { hold: null, member: null };
  const member = await lockMember(tx, orgId, seen.userId, ctx);
  return { hold: await tx.getHold({ orgId, holdId }), member };
}

/**
 * Loads a request and locks its member, then locks the request and reads it again: members are
 * locked before requests (a removal locks the member, then cancels its pending requests), and a
 * request only changes under its member's lock, so the second read is the one to decide on.
 */
async function lockRequestOf(tx: StoreTransaction, orgId: string, requestId: string, ctx: DecisionContext) {
  const seen = await tx.getRequest({ orgId, requestId });
  if (!seen) return { request: null, member: null };
  const member = await lockMember(tx, orgId, seen.userId, ctx);
  return { request: await tx.lockRequest({ orgId, requestId }), member };
}

function forbid(message: string): never {
  return abort(errors.forbidden(message));
}

async function assertDomainsFree(
  tx: { findOrganizationByDomain(args: { domain: string }): Promise<OrganizationRecord | null> },
  domains: string[],
  orgId: string | null,
): Promise<void> {
  for (const domain of domains) {
    const owner = await tx.findOrganizationByDomain({ domain });
    if (owner && owner.id !== orgId)
      abort(errors.conflict(`The domain ${domain} belongs to another organization.`));
  }
}
