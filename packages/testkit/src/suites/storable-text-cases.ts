import { type Allot, actors } from '@allot/core';
import type { Targets } from '../harness/operations';
import type { OrgFixture } from '../harness/org-fixture';
import type { Call } from '../harness/results';

/** One string field of one public method, and a call that puts `bad` into it. */
export interface UnstorableCase {
  method: keyof Allot;
  /** The issue path the `validation` error must name. */
  path: string;
  call(fx: OrgFixture, t: Targets, bad: string): Call<unknown>;
}

/** A call to consume with one field changed. */
function consume(fx: OrgFixture, t: Targets, fields: Partial<Parameters<Allot['consume']>[0]>) {
  return fx.allot.consume({
    actor: fx.system,
    orgId: t.orgId,
    userId: t.userId,
    amount: 1,
    idempotencyKey: 'storable-k',
    ...fields,
  });
}

/** A call to createOrganization (of an organization `<orgId>-copy`) with one field changed. */
function create(fx: OrgFixture, t: Targets, fields: Partial<Parameters<Allot['createOrganization']>[0]>) {
  return fx.allot.createOrganization({
    actor: fx.system,
    id: `${t.orgId}-copy`,
    name: 'Copy',
    monthlyPool: 1,
    admins: [{ userId: 'a', email: 'a@example.com', name: 'A' }],
    ...fields,
  });
}

/** Every kind of string input, in commands and reads: each must refuse NUL and unpaired surrogates. */
export const UNSTORABLE_CASES: UnstorableCase[] = [
  {
    method: 'consume',
    path: 'description',
    call: (fx, t, bad) => consume(fx, t, { description: `job ${bad}` }),
  },
  {
    method: 'consume',
    path: 'idempotencyKey',
    call: (fx, t, bad) => consume(fx, t, { idempotencyKey: `k${bad}` }),
  },
  {
    method: 'consume',
    path: 'userId',
    call: (fx, t, bad) => consume(fx, t, { userId: `${t.userId}${bad}` }),
  },
  { method: 'consume', path: 'orgId', call: (fx, t, bad) => consume(fx, t, { orgId: `${bad}${t.orgId}` }) },
  {
    method: 'consume',
    path: 'metadata.jobId',
    call: (fx, t, bad) => consume(fx, t, { metadata: { jobId: `j${bad}`, pages: 2 } }),
  },
  {
    method: 'consume',
    path: 'metadata',
    call: (fx, t, bad) => consume(fx, t, { metadata: { [`job${bad}`]: 'j-1' } }),
  },
  {
    method: 'consume',
    path: 'actor.userId',
    call: (fx, t, bad) => consume(fx, t, { actor: actors.user(t.orgId, `${fx.adminId}${bad}`) }),
  },
  {
    method: 'consume',
    path: 'actor.orgId',
    call: (fx, t, bad) => consume(fx, t, { actor: actors.user(`${t.orgId}${bad}`, fx.adminId) }),
  },
  {
    method: 'reserve',
    path: 'description',
    call: (fx, t, bad) =>
      fx.allot.reserve({
        actor: fx.system,
        orgId: t.orgId,
        userId: t.userId,
        amount: 1,
        idempotencyKey: 'storable-hold',
        description: bad,
      }),
  },
  {
    method: 'reserve',
    path: 'metadata',
    call: (fx, t, bad) =>
      fx.allot.reserve({
        actor: fx.system,
        orgId: t.orgId,
        userId: t.userId,
        amount: 1,
        idempotencyKey: 'storable-hold',
        metadata: { [bad]: true },
      }),
  },
  {
    method: 'capture',
    path: 'description',
    call: (fx, t, bad) =>
      fx.allot.capture({
        actor: fx.system,
        orgId: t.orgId,
        holdId: t.holdId,
        idempotencyKey: 'storable-capture',
        description: `done${bad}`,
      }),
  },
  {
    method: 'release',
    path: 'holdId',
    call: (fx, t, bad) => fx.allot.release({ actor: fx.system, orgId: t.orgId, holdId: `${t.holdId}${bad}` }),
  },
  {
    method: 'refund',
    path: 'description',
    call: (fx, t, bad) =>
      fx.allot.refund({
        actor: fx.system,
        orgId: t.orgId,
        usageId: t.usageId,
        idempotencyKey: 'storable-refund',
        description: `refund${bad}`,
      }),
  },
  {
    method: 'refund',
    path: 'usageId',
    call: (fx, t, bad) =>
      fx.allot.refund({
        actor: fx.system,
        orgId: t.orgId,
        usageId: `${t.usageId}${bad}`,
        idempotencyKey: 'storable-refund',
      }),
  },
  {
    method: 'submitRequest',
    path: 'message',
    call: (fx, t, bad) =>
      fx.allot.submitRequest({
        actor: fx.system,
        orgId: t.orgId,
        userId: t.userId,
        amount: 1,
        message: `more${bad}`,
      }),
  },
  {
    method: 'rejectRequest',
    path: 'reason',
    call: (fx, t, bad) =>
      fx.allot.rejectRequest({ actor: fx.admin, orgId: t.orgId, requestId: t.requestId, reason: `no${bad}` }),
  },
  {
    method: 'approveRequest',
    path: 'requestId',
    call: (fx, t, bad) =>
      fx.allot.approveRequest({ actor: fx.admin, orgId: t.orgId, requestId: `${t.requestId}${bad}` }),
  },
  {
    method: 'cancelRequest',
    path: 'idempotencyKey',
    call: (fx, t, bad) =>
      fx.allot.cancelRequest({
        actor: fx.admin,
        orgId: t.orgId,
        requestId: t.requestId,
        idempotencyKey: bad,
      }),
  },
  {
    method: 'topUp',
    path: 'reason',
    call: (fx, t, bad) =>
      fx.allot.topUp({ actor: fx.system, orgId: t.orgId, amount: 1, reason: `launch${bad}` }),
  },
  {
    method: 'enroll',
    path: 'name',
    call: (fx, t, bad) =>
      fx.allot.enroll({ actor: fx.system, userId: 'storable-u', email: `u@${t.domain}`, name: `U${bad}` }),
  },
  {
    method: 'enroll',
    path: 'email',
    call: (fx, t, bad) =>
      fx.allot.enroll({ actor: fx.system, userId: 'storable-u', email: `u${bad}@${t.domain}`, name: 'U' }),
  },
  {
    method: 'enroll',
    path: 'userId',
    call: (fx, t, bad) =>
      fx.allot.enroll({ actor: fx.system, userId: `u${bad}`, email: `u@${t.domain}`, name: 'U' }),
  },
  { method: 'createOrganization', path: 'name', call: (fx, t, bad) => create(fx, t, { name: `Copy${bad}` }) },
  {
    method: 'createOrganization',
    path: 'id',
    call: (fx, t, bad) => create(fx, t, { id: `${t.orgId}-copy${bad}` }),
  },
  {
    method: 'createOrganization',
    path: 'domains.0',
    call: (fx, t, bad) => create(fx, t, { domains: [`copy${bad}.example`] }),
  },
  {
    method: 'createOrganization',
    path: 'admins.0.name',
    call: (fx, t, bad) =>
      create(fx, t, { admins: [{ userId: 'a', email: 'a@example.com', name: `A${bad}` }] }),
  },
  {
    method: 'createOrganization',
    path: 'admins.0.userId',
    call: (fx, t, bad) =>
      create(fx, t, { admins: [{ userId: `a${bad}`, email: 'a@example.com', name: 'A' }] }),
  },
  {
    method: 'createOrganization',
    path: 'idempotencyKey',
    call: (fx, t, bad) => create(fx, t, { idempotencyKey: `create${bad}` }),
  },
  {
    method: 'updateSettings',
    path: 'name',
    call: (fx, t, bad) => fx.allot.updateSettings({ actor: fx.admin, orgId: t.orgId, name: `Renamed${bad}` }),
  },
  {
    method: 'updateSettings',
    path: 'domains.0',
    call: (fx, t, bad) =>
      fx.allot.updateSettings({ actor: fx.system, orgId: t.orgId, domains: [`${bad}x.example`] }),
  },
  {
    method: 'assign',
    path: 'userId',
    call: (fx, t, bad) =>
      fx.allot.assign({ actor: fx.admin, orgId: t.orgId, userId: `${t.userId}${bad}`, total: 5 }),
  },
  {
    method: 'revoke',
    path: 'idempotencyKey',
    call: (fx, t, bad) =>
      fx.allot.revoke({
        actor: fx.admin,
        orgId: t.orgId,
        userId: t.userId,
        amount: 1,
        idempotencyKey: `r${bad}`,
      }),
  },
  {
    method: 'setRole',
    path: 'userId',
    call: (fx, t, bad) =>
      fx.allot.setRole({ actor: fx.admin, orgId: t.orgId, userId: `${bad}`, role: 'admin' }),
  },
  {
    method: 'removeMember',
    path: 'userId',
    call: (fx, t, bad) =>
      fx.allot.removeMember({ actor: fx.admin, orgId: t.orgId, userId: `${t.userId}${bad}` }),
  },
  {
    method: 'members',
    path: 'search',
    call: (fx, t, bad) => fx.allot.members({ actor: fx.admin, orgId: t.orgId, search: `ada${bad}` }),
  },
  {
    method: 'ledger',
    path: 'cursor',
    call: (fx, t, bad) => fx.allot.ledger({ actor: fx.admin, orgId: t.orgId, cursor: `c${bad}` }),
  },
  {
    method: 'ledger',
    path: 'filter.userId',
    call: (fx, t, bad) =>
      fx.allot.ledger({ actor: fx.admin, orgId: t.orgId, filter: { userId: `${t.userId}${bad}` } }),
  },
  {
    method: 'summary',
    path: 'filter.userId',
    call: (fx, t, bad) => fx.allot.summary({ actor: fx.admin, orgId: t.orgId, filter: { userId: bad } }),
  },
  {
    method: 'exportCsv',
    path: 'filter.type',
    call: (fx, t, bad) =>
      fx.allot.exportCsv({ actor: fx.admin, orgId: t.orgId, filter: { type: `usage${bad}` } }),
  },
  {
    method: 'requests',
    path: 'cursor',
    call: (fx, t, bad) => fx.allot.requests({ actor: fx.admin, orgId: t.orgId, cursor: bad }),
  },
  {
    method: 'holds',
    path: 'cursor',
    call: (fx, t, bad) => fx.allot.holds({ actor: fx.admin, orgId: t.orgId, cursor: bad }),
  },
  {
    method: 'balance',
    path: 'userId',
    call: (fx, t, bad) => fx.allot.balance({ actor: fx.system, orgId: t.orgId, userId: `${t.userId}${bad}` }),
  },
  {
    method: 'overview',
    path: 'orgId',
    call: (fx, t, bad) => fx.allot.overview({ actor: fx.system, orgId: `${t.orgId}${bad}` }),
  },
  {
    method: 'getSettings',
    path: 'actor.userId',
    call: (fx, t, bad) => fx.allot.getSettings({ actor: actors.user(t.orgId, bad), orgId: t.orgId }),
  },
  {
    method: 'verifyJournal',
    path: 'orgId',
    call: (fx, t, bad) => fx.allot.verifyJournal({ actor: fx.system, orgId: `${bad}${t.orgId}` }),
  },
];
