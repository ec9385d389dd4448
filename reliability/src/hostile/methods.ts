import * as core from '@allot/core';
import { type Actor, type Allot, actors } from '@allot/core';

/** The ids a valid call may name. */
export interface Ids {
  orgId: string;
  userId: string;
  requestId: string;
  usageId: string;
  holdId: string;
  domain: string;
}

type MethodName = Exclude<keyof Allot, 'store'>;

/** A valid call of each public method, and the schema that validates its input. */
export interface MethodSpec {
  name: MethodName;
  schema: Parameters<typeof core.parseInput>[0];
  valid(ids: Ids): Record<string, unknown> & { actor: Actor };
}

const system = actors.system();
const org = (ids: Ids) => ({ actor: system, orgId: ids.orgId });

/** Every public method of `createAllot` (commands and reads). */
export const METHODS: MethodSpec[] = [
  {
    name: 'createOrganization',
    schema: core.createOrganizationInput,
    valid: (ids) => ({
      actor: system,
      id: 'junk-org',
      name: 'Junk Inc',
      domains: [`j${ids.domain}`],
      monthlyPool: 10,
      admins: [{ userId: 'a', email: `a@j${ids.domain}`, name: 'A' }],
    }),
  },
  {
    name: 'updateSettings',
    schema: core.updateSettingsInput,
    valid: (ids) => ({ ...org(ids), monthlyPool: 5000, name: 'Renamed' }),
  },
  {
    name: 'enroll',
    schema: core.enrollInput,
    valid: (ids) => ({ actor: system, userId: 'new-user', email: `new@${ids.domain}`, name: 'New' }),
  },
  {
    name: 'setRole',
    schema: core.setRoleInput,
    valid: (ids) => ({ ...org(ids), userId: ids.userId, role: 'admin' }),
  },
  {
    name: 'removeMember',
    schema: core.removeMemberInput,
    valid: (ids) => ({ ...org(ids), userId: ids.userId }),
  },
  {
    name: 'assign',
    schema: core.assignInput,
    valid: (ids) => ({ ...org(ids), userId: ids.userId, total: 60 }),
  },
  {
    name: 'revoke',
    schema: core.revokeInput,
    valid: (ids) => ({ ...org(ids), userId: ids.userId, amount: 1 }),
  },
  {
    name: 'consume',
    schema: core.consumeInput,
    valid: (ids) => ({
      ...org(ids),
      userId: ids.userId,
      amount: 1,
      idempotencyKey: 'junk-consume',
      description: 'render',
      metadata: { jobId: 'j-1', pages: 2 },
    }),
  },
  {
    name: 'refund',
    schema: core.refundInput,
    valid: (ids) => ({
      ...org(ids),
      usageId: ids.usageId,
      amount: 1,
      idempotencyKey: 'junk-refund',
      description: 'refund',
    }),
  },
  {
    name: 'submitRequest',
    schema: core.submitRequestInput,
    valid: (ids) => ({ ...org(ids), userId: ids.userId, amount: 5, message: 'more' }),
  },
  {
    name: 'approveRequest',
    schema: core.approveRequestInput,
    valid: (ids) => ({ ...org(ids), requestId: ids.requestId }),
  },
  {
    name: 'rejectRequest',
    schema: core.rejectRequestInput,
    valid: (ids) => ({ ...org(ids), requestId: ids.requestId, reason: 'not now' }),
  },
  {
    name: 'cancelRequest',
    schema: core.cancelRequestInput,
    valid: (ids) => ({
      actor: actors.user(ids.orgId, ids.userId),
      orgId: ids.orgId,
      requestId: ids.requestId,
    }),
  },
  { name: 'getSettings', schema: core.getSettingsInput, valid: org },
  { name: 'overview', schema: core.overviewInput, valid: org },
  { name: 'members', schema: core.membersInput, valid: (ids) => ({ ...org(ids), search: 'a', limit: 10 }) },
  { name: 'requests', schema: core.requestsInput, valid: (ids) => ({ ...org(ids), status: 'pending' }) },
  {
    name: 'ledger',
    schema: core.ledgerInput,
    valid: (ids) => ({ ...org(ids), filter: { userId: ids.userId, type: 'usage' }, limit: 5 }),
  },
  {
    name: 'summary',
    schema: core.summaryInput,
    valid: (ids) => ({ ...org(ids), filter: { from: '2026-01-01' } }),
  },
  { name: 'exportCsv', schema: core.exportCsvInput, valid: (ids) => ({ ...org(ids), filter: {} }) },
  { name: 'balance', schema: core.balanceInput, valid: (ids) => ({ ...org(ids), userId: ids.userId }) },
  { name: 'verifyJournal', schema: core.verifyJournalInput, valid: org },
  {
    name: 'reserve',
    schema: core.reserveInput,
    valid: (ids) => ({
      ...org(ids),
      userId: ids.userId,
      amount: 1,
      idempotencyKey: 'junk-reserve',
      description: 'hold',
      metadata: { jobId: 'j-2' },
    }),
  },
  {
    name: 'capture',
    schema: core.captureInput,
    valid: (ids) => ({
      ...org(ids),
      holdId: ids.holdId,
      amount: 1,
      idempotencyKey: 'junk-capture',
      description: 'done',
    }),
  },
  { name: 'release', schema: core.releaseInput, valid: (ids) => ({ ...org(ids), holdId: ids.holdId }) },
  {
    name: 'holds',
    schema: core.holdsInput,
    valid: (ids) => ({ ...org(ids), status: 'all', userId: ids.userId }),
  },
  { name: 'topUp', schema: core.topUpInput, valid: (ids) => ({ ...org(ids), amount: 10, reason: 'launch' }) },
];

/**
 * True when a call would pass validation (so it is not junk and may legitimately write), judged as
 * `createAllot` judges it: the actor and the rest apart, strictly, a person's call taking the
 * actor's organization when it leaves `orgId` out.
 */
export function isValidCall(spec: MethodSpec, call: unknown): boolean {
  if (typeof call !== 'object' || call === null || Array.isArray(call)) return false;
  const { actor: rawActor, ...input } = call as { actor?: unknown; orgId?: unknown };
  const actor = core.parseInput(core.actorSchema, rawActor);
  if (!actor.success) return false;
  const takesOrgId = 'shape' in spec.schema && 'orgId' in (spec.schema.shape as object);
  const own = takesOrgId && input.orgId === undefined && actor.data.type === 'user';
  return core.parseInput(spec.schema, own ? { ...input, orgId: actor.data.orgId } : input).success;
}
