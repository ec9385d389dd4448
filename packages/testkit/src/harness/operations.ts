import type { Actor, Allot } from '@allot/core';
import type { OrgFixture } from './org-fixture';
import { randomId } from './random';
import type { Call } from './results';
import { ok } from './results';

/** Ids inside one organization that calls can aim at. */
export interface Targets {
  orgId: string;
  domain: string;
  /** A member with credits, usage, an active hold and a pending request. */
  userId: string;
  requestId: string;
  usageId: string;
  holdId: string;
}

/** Who may call an operation. */
export type Requirement = 'system' | 'admin' | 'member';

/** One public method of {@link Allot}, callable with any actor against any targets. */
export interface Operation {
  name: keyof Allot;
  requirement: Requirement;
  call(allot: Allot, actor: Actor, t: Targets): Call<unknown>;
}

/** Every public method of Allot, with a valid call aimed at `t`. */
export const OPERATIONS: Operation[] = [
  {
    name: 'createOrganization',
    requirement: 'system',
    call: (allot, actor, t) =>
      allot.createOrganization({
        actor,
        id: randomId('org'),
        name: 'Intruder',
        domains: [],
        monthlyPool: 1,
        admins: [{ userId: randomId('u'), email: `x@${t.domain}`, name: 'X' }],
      }),
  },
  {
    name: 'enroll',
    requirement: 'system',
    call: (allot, actor, t) =>
      allot.enroll({ actor, userId: randomId('user'), email: `new@${t.domain}`, name: 'New' }),
  },
  {
    // Changing the monthly pool is the server's (unless createAllot({ adminsManagePool: true })).
    name: 'updateSettings',
    requirement: 'system',
    call: (allot, actor, t) => allot.updateSettings({ actor, orgId: t.orgId, monthlyPool: 999_999 }),
  },
  {
    name: 'setRole',
    requirement: 'admin',
    call: (allot, actor, t) => allot.setRole({ actor, orgId: t.orgId, userId: t.userId, role: 'admin' }),
  },
  {
    name: 'removeMember',
    requirement: 'admin',
    call: (allot, actor, t) => allot.removeMember({ actor, orgId: t.orgId, userId: t.userId }),
  },
  {
    name: 'assign',
    requirement: 'admin',
    call: (allot, actor, t) => allot.assign({ actor, orgId: t.orgId, userId: t.userId, total: 90 }),
  },
  {
    name: 'revoke',
    requirement: 'admin',
    call: (allot, actor, t) => allot.revoke({ actor, orgId: t.orgId, userId: t.userId, amount: 1 }),
  },
  {
    name: 'consume',
    requirement: 'admin',
    call: (allot, actor, t) =>
      allot.consume({ actor, orgId: t.orgId, userId: t.userId, amount: 1, idempotencyKey: randomId('key') }),
  },
  {
    name: 'consumeMany',
    requirement: 'admin',
    call: (allot, actor, t) =>
      allot.consumeMany({
        actor,
        orgId: t.orgId,
        events: [{ userId: t.userId, amount: 1, idempotencyKey: randomId('key') }],
      }),
  },
  {
    name: 'refund',
    requirement: 'admin',
    call: (allot, actor, t) =>
      allot.refund({ actor, orgId: t.orgId, usageId: t.usageId, idempotencyKey: randomId('key') }),
  },
  {
    name: 'submitRequest',
    requirement: 'member',
    call: (allot, actor, t) => allot.submitRequest({ actor, orgId: t.orgId, userId: t.userId, amount: 5 }),
  },
  {
    name: 'approveRequest',
    requirement: 'admin',
    call: (allot, actor, t) => allot.approveRequest({ actor, orgId: t.orgId, requestId: t.requestId }),
  },
  {
    name: 'rejectRequest',
    requirement: 'admin',
    call: (allot, actor, t) => allot.rejectRequest({ actor, orgId: t.orgId, requestId: t.requestId }),
  },
  {
    name: 'cancelRequest',
    requirement: 'member',
    call: (allot, actor, t) => allot.cancelRequest({ actor, orgId: t.orgId, requestId: t.requestId }),
  },
  {
    name: 'getSettings',
    requirement: 'admin',
    call: (allot, actor, t) => allot.getSettings({ actor, orgId: t.orgId }),
  },
  {
    name: 'overview',
    requirement: 'admin',
    call: (allot, actor, t) => allot.overview({ actor, orgId: t.orgId }),
  },
  {
    name: 'members',
    requirement: 'admin',
    call: (allot, actor, t) => allot.members({ actor, orgId: t.orgId }),
  },
  {
    name: 'requests',
    requirement: 'member',
    call: (allot, actor, t) => allot.requests({ actor, orgId: t.orgId }),
  },
  {
    name: 'ledger',
    requirement: 'member',
    call: (allot, actor, t) => allot.ledger({ actor, orgId: t.orgId }),
  },
  {
    name: 'summary',
    requirement: 'member',
    call: (allot, actor, t) => allot.summary({ actor, orgId: t.orgId }),
  },
  {
    name: 'exportCsv',
    requirement: 'member',
    call: (allot, actor, t) => allot.exportCsv({ actor, orgId: t.orgId }),
  },
  {
    name: 'balance',
    requirement: 'member',
    call: (allot, actor, t) => allot.balance({ actor, orgId: t.orgId, userId: t.userId }),
  },
  {
    name: 'verifyJournal',
    requirement: 'admin',
    call: (allot, actor, t) => allot.verifyJournal({ actor, orgId: t.orgId }),
  },
  {
    name: 'journalHead',
    requirement: 'admin',
    call: (allot, actor, t) => allot.journalHead({ actor, orgId: t.orgId }),
  },
  {
    name: 'reserve',
    requirement: 'admin',
    call: (allot, actor, t) =>
      allot.reserve({ actor, orgId: t.orgId, userId: t.userId, amount: 1, idempotencyKey: randomId('key') }),
  },
  {
    name: 'capture',
    requirement: 'admin',
    call: (allot, actor, t) =>
      allot.capture({ actor, orgId: t.orgId, holdId: t.holdId, amount: 1, idempotencyKey: randomId('key') }),
  },
  {
    name: 'release',
    requirement: 'admin',
    call: (allot, actor, t) => allot.release({ actor, orgId: t.orgId, holdId: t.holdId }),
  },
  {
    name: 'holds',
    requirement: 'member',
    call: (allot, actor, t) => allot.holds({ actor, orgId: t.orgId, userId: t.userId }),
  },
  {
    name: 'topUp',
    requirement: 'system',
    call: (allot, actor, t) => allot.topUp({ actor, orgId: t.orgId, amount: 10 }),
  },
];

/**
 * Gives an organization a member with 100 credits, a usage of 10, an active hold of 10 and a
 * pending request, and returns the targets.
 */
export async function prepareTargets(fx: OrgFixture): Promise<Targets> {
  const m = await fx.member({ allocation: 100 });
  const usage = await fx.consume(m.userId, 10);
  const hold = await fx.reserve(m.userId, 10);
  const request = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 20 }));
  return {
    orgId: fx.orgId,
    domain: fx.domain,
    userId: m.userId,
    requestId: request.id,
    usageId: usage.id,
    holdId: hold.id,
  };
}
