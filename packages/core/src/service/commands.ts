import type { ResultAsync } from 'neverthrow';
import type { z } from 'zod';
import { decideAssign, decideRemoveMember, decideRevoke } from '../decide/allocation';
import {
  type AccessPolicy,
  authorizeApproval,
  authorizeCancel,
  authorizePoolChange,
  authorizeSettingsChange,
  DEFAULT_ACCESS_POLICY,
  type Principal,
  type Requirement,
  subjectOf,
} from '../decide/authorize';
import { completeDecision } from '../decide/complete';
import type { DecisionContext } from '../decide/context';
import type { DecisionResult } from '../decide/decision';
import { decideCapture, decideRelease, decideReserve, decideTopUp } from '../decide/holds';
import { decideEnroll, decideSetRole, emailDomain } from '../decide/membership';
import {
  type Claims,
  changedSettings,
  decideCreateOrganization,
  decideUpdateSettings,
} from '../decide/organization';
import { decideApproveRequest, decideCloseRequest, decideSubmitRequest } from '../decide/requests';
import { decideConsume, decideRefund } from '../decide/usage';
import type { AllotError } from '../errors';
import type { OrganizationRecord, StoreTransaction } from '../port';
import * as s from '../schemas/commands';
import type { AllotImplementation, AllotMethod } from './allot';
import { createConsumeMany } from './consume-many';
import type { ReadName } from './reads';
import {
  currentOrganization,
  type Decided,
  lockMember,
  parseCall,
  type Runtime,
  runCommand,
  unwrap,
} from './runtime';
import { toOrganization } from './views';

/** What every command's input may carry: its idempotency key. */
type Keyed = { idempotencyKey?: string | undefined };

/** The name of each command of {@link Allot}. */
type CommandName = Exclude<AllotMethod, ReadName>;

/** What a command's decide step may use besides its input: the transaction, context and principal. */
interface Step {
  tx: StoreTransaction;
  ctx: DecisionContext;
  principal: Principal;
  access: AccessPolicy;
}

/**
 * One command: its input schema, who may run it, the organization it changes (none yet for
 * `null`), and its decide step — which loads the records under lock in the lock order and hands
 * them to the pure `decide*` function, returning its complete decision.
 */
interface Command<S extends z.ZodType<Keyed>, R> {
  schema: S;
  requirement: Requirement;
  orgId(input: z.output<S>): string | null;
  decide(input: z.output<S>, step: Step): Promise<Decided<R>>;
}

const inOrg = (input: { orgId: string }) => input.orgId;
const command = <S extends z.ZodType<Keyed>, R>(spec: Command<S, R>): Command<S, R> => spec;

/** A decide function's decision, completed (alerts, events) in the organization it acts in. */
function done<R>(
  org: OrganizationRecord | null,
  decision: DecisionResult<R>,
  ctx: DecisionContext,
): Decided<R> {
  return { org, decision: completeDecision(decision, org, ctx) };
}

/** A decision about an organization record, answering with the organization's public view. */
function publicOrganization<C>(decision: { changes: C; result: OrganizationRecord }) {
  return { ...decision, result: toOrganization(decision.result) };
}

/** Who claims each domain of `domains` now. */
async function ownersOf(tx: StoreTransaction, domains: readonly string[] = []): Promise<Claims['owners']> {
  const owners = [];
  for (const domain of domains) {
    owners.push({ domain, orgId: (await tx.findOrganizationByDomain({ domain }))?.id ?? null });
  }
  return owners;
}

/**
 * Loads the organization (locking the pool row when `lockPool`) and locks one member, in the
 * lock order: pool, then member.
 */
async function orgAndMember(step: Step, orgId: string, userId: string, lockPool: boolean) {
  const org = await currentOrganization(step.tx, orgId, step.ctx, lockPool);
  return { org, member: await lockMember(step.tx, org, userId, step.ctx) };
}

/**
 * Loads a hold and locks its member (expiring due holds), then reads the hold again: holds only
 * change under their member's lock, so the second read is the one to decide on.
 */
async function lockHoldMember(tx: StoreTransaction, orgId: string, holdId: string, ctx: DecisionContext) {
  const org = await currentOrganization(tx, orgId, ctx, false);
  const seen = await tx.getHold({ orgId, holdId });
  if (!seen) return { org, hold: null, member: null };
  const member = await lockMember(tx, org, seen.userId, ctx);
  return { org, hold: await tx.getHold({ orgId, holdId }), member };
}

/**
 * Loads a request and locks its member, then locks the request and reads it again: members are
 * locked before requests (a removal locks the member, then cancels its pending requests), and a
 * request only changes under its member's lock, so the second read is the one to decide on.
 */
async function lockRequestOf(
  tx: StoreTransaction,
  org: OrganizationRecord,
  requestId: string,
  ctx: DecisionContext,
) {
  const seen = await tx.getRequest({ orgId: org.id, requestId });
  if (!seen) return { request: null, member: null };
  const member = await lockMember(tx, org, seen.userId, ctx);
  return { request: await tx.lockRequest({ orgId: org.id, requestId }), member };
}

/** Every command of Allot: what it takes, who may run it, and how it decides. */
const commands = {
  createOrganization: command({
    schema: s.createOrganizationInput,
    requirement: 'system',
    orgId: () => null,
    async decide(input, { tx, ctx }) {
      const claims = {
        idTaken: input.id !== undefined && (await tx.getOrganization({ orgId: input.id })) !== null,
        owners: await ownersOf(tx, input.domains),
      };
      const decided = decideCreateOrganization(input, ctx, claims);
      const org = decided.isOk() ? decided.value.result : null;
      return done(org, decided.map(publicOrganization), ctx);
    },
  }),
  updateSettings: command({
    schema: s.updateSettingsInput,
    requirement: 'admin',
    orgId: inOrg,
    async decide(input, { tx, ctx, principal, access }) {
      const org = await currentOrganization(tx, input.orgId, ctx, true);
      const { orgId: _o, idempotencyKey: _k, ...patch } = input;
      unwrap(authorizeSettingsChange(principal, changedSettings(org, patch), access));
      const decided = decideUpdateSettings(org, patch, ctx, await ownersOf(tx, input.domains));
      return done(org, decided.map(publicOrganization), ctx);
    },
  }),
  enroll: command({
    schema: s.enrollInput,
    requirement: 'system',
    orgId: () => null,
    async decide(input, { tx, ctx }) {
      const match = await tx.findOrganizationByDomain({ domain: emailDomain(input.email) });
      const org = match && (await currentOrganization(tx, match.id, ctx, true));
      const existing = org && (await lockMember(tx, org, input.userId, ctx));
      return done(org, decideEnroll(org, existing, input, ctx), ctx);
    },
  }),
  setRole: command({
    schema: s.setRoleInput,
    requirement: 'admin',
    orgId: inOrg,
    async decide(input, step) {
      const { org, member } = await orgAndMember(step, input.orgId, input.userId, true);
      const admins = await step.tx.countAdmins({ orgId: org.id });
      return done(org, decideSetRole(member, input, admins, step.ctx), step.ctx);
    },
  }),
  removeMember: command({
    schema: s.removeMemberInput,
    requirement: 'admin',
    orgId: inOrg,
    async decide(input, step) {
      const { tx, ctx } = step;
      const { org, member } = await orgAndMember(step, input.orgId, input.userId, true);
      const open = { orgId: org.id, userId: input.userId };
      const holds = member ? await tx.listActiveHolds(open) : [];
      // Locked after the member, as every command locks requests (see lockRequestOf).
      const requests = member?.status === 'active' ? await tx.lockPendingRequests(open) : [];
      const admins = await tx.countAdmins({ orgId: org.id });
      return done(org, decideRemoveMember(org, member, input.userId, admins, holds, requests, ctx), ctx);
    },
  }),
  assign: command({
    schema: s.assignInput,
    requirement: 'admin',
    orgId: inOrg,
    async decide(input, step) {
      const { org, member } = await orgAndMember(step, input.orgId, input.userId, true);
      return done(org, decideAssign(org, member, input.userId, input.total, step.ctx), step.ctx);
    },
  }),
  revoke: command({
    schema: s.revokeInput,
    requirement: 'admin',
    orgId: inOrg,
    async decide(input, step) {
      const { org, member } = await orgAndMember(step, input.orgId, input.userId, true);
      return done(org, decideRevoke(org, member, input.userId, input.amount, step.ctx), step.ctx);
    },
  }),
  consume: command({
    schema: s.consumeInput,
    requirement: 'admin',
    orgId: inOrg,
    async decide(input, step) {
      const { org, member } = await orgAndMember(step, input.orgId, input.userId, false);
      return done(org, decideConsume(member, input, step.ctx), step.ctx);
    },
  }),
  refund: command({
    schema: s.refundInput,
    requirement: 'admin',
    orgId: inOrg,
    async decide(input, { tx, ctx }) {
      const org = await currentOrganization(tx, input.orgId, ctx, false);
      const usage = await tx.getJournalEntry({ orgId: org.id, entryId: input.usageId });
      const member = usage?.userId ? await lockMember(tx, org, usage.userId, ctx) : null;
      const refunded = usage ? await tx.sumRefunds({ orgId: org.id, usageId: usage.id }) : 0;
      return done(org, decideRefund(org, usage, member, input, refunded, ctx), ctx);
    },
  }),
  submitRequest: command({
    schema: s.submitRequestInput,
    requirement: 'member',
    orgId: inOrg,
    async decide(input, step) {
      const userId = unwrap(subjectOf(step.principal, input.userId, false));
      const { org, member } = await orgAndMember(step, input.orgId, userId, false);
      return done(org, decideSubmitRequest(member, { ...input, userId }, step.ctx), step.ctx);
    },
  }),
  approveRequest: command({
    schema: s.approveRequestInput,
    requirement: 'admin',
    orgId: inOrg,
    async decide(input, { tx, ctx, principal, access }) {
      const org = await currentOrganization(tx, input.orgId, ctx, true);
      const { request, member } = await lockRequestOf(tx, org, input.requestId, ctx);
      unwrap(authorizeApproval(principal, request, access));
      return done(org, decideApproveRequest(org, request, member, input, ctx), ctx);
    },
  }),
  rejectRequest: command({
    schema: s.rejectRequestInput,
    requirement: 'admin',
    orgId: inOrg,
    async decide(input, { tx, ctx }) {
      const org = await currentOrganization(tx, input.orgId, ctx, false);
      const { request, member } = await lockRequestOf(tx, org, input.requestId, ctx);
      return done(org, decideCloseRequest(request, member, { ...input, outcome: 'rejected' }, ctx), ctx);
    },
  }),
  cancelRequest: command({
    schema: s.cancelRequestInput,
    requirement: 'member',
    orgId: inOrg,
    async decide(input, { tx, ctx, principal }) {
      const org = await currentOrganization(tx, input.orgId, ctx, false);
      const { request, member } = await lockRequestOf(tx, org, input.requestId, ctx);
      unwrap(authorizeCancel(principal, request, member));
      return done(org, decideCloseRequest(request, member, { ...input, outcome: 'cancelled' }, ctx), ctx);
    },
  }),
  reserve: command({
    schema: s.reserveInput,
    requirement: 'admin',
    orgId: inOrg,
    async decide(input, step) {
      const { org, member } = await orgAndMember(step, input.orgId, input.userId, false);
      return done(org, decideReserve(member, input, step.ctx), step.ctx);
    },
  }),
  capture: command({
    schema: s.captureInput,
    requirement: 'admin',
    orgId: inOrg,
    async decide(input, { tx, ctx }) {
      const { org, hold, member } = await lockHoldMember(tx, input.orgId, input.holdId, ctx);
      return done(org, decideCapture(hold, member, input, ctx), ctx);
    },
  }),
  release: command({
    schema: s.releaseInput,
    requirement: 'admin',
    orgId: inOrg,
    async decide(input, { tx, ctx }) {
      const { org, hold, member } = await lockHoldMember(tx, input.orgId, input.holdId, ctx);
      return done(org, decideRelease(hold, member, input.holdId, ctx), ctx);
    },
  }),
  topUp: command({
    schema: s.topUpInput,
    requirement: 'admin',
    orgId: inOrg,
    async decide(input, { tx, ctx, principal, access }) {
      unwrap(authorizePoolChange(principal, access));
      const org = await currentOrganization(tx, input.orgId, ctx, true);
      return done(org, decideTopUp(org, input, ctx), ctx);
    },
  }),
} satisfies Record<Exclude<CommandName, 'consumeMany'>, unknown>;

/**
 * The commands of {@link Allot}, run from the table by one runner: parse the call strictly, then
 * in one store transaction authorize, check the idempotency key, decide and write (see
 * `runCommand`). `access` says what org admins may do beyond their role (`createAllot`'s options).
 */
export function createCommands(
  rt: Runtime,
  access: AccessPolicy = DEFAULT_ACCESS_POLICY,
): AllotImplementation<CommandName> {
  const run =
    (name: CommandName, spec: Command<z.ZodType<Keyed>, unknown>) =>
    (call: unknown): ResultAsync<unknown, AllotError> =>
      parseCall(spec.schema, call).asyncAndThen(({ actor, input }) =>
        runCommand(
          rt,
          { orgId: spec.orgId(input), actor, name, requirement: spec.requirement, input },
          (tx, ctx, principal) => spec.decide(input, { tx, ctx, principal, access }),
        ),
      );
  const table = Object.fromEntries(
    Object.entries(commands).map(([name, spec]) => [
      name,
      run(name as CommandName, spec as unknown as Command<z.ZodType<Keyed>, unknown>),
    ]),
  ) as unknown as AllotImplementation<Exclude<CommandName, 'consumeMany'>>;
  // A batch of consumes, each event with its own key: run by its own runner (consume-many.ts).
  return { ...table, ...createConsumeMany(rt) };
}
