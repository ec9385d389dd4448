import type { Allot } from '@allot/core';
import type { Targets } from '../harness/operations';
import type { OrgFixture } from '../harness/org-fixture';
import type { Call } from '../harness/results';

/** One piece of bad input to one public method, and the field the error must name. */
export interface ValidationCase {
  method: keyof Allot;
  what: string;
  /** The issue path expected (exactly, or as a prefix when it ends with `.`). */
  path: string;
  call(fx: OrgFixture, t: Targets): Call<unknown>;
}

/** Bad input for every public method of Allot (several for some). */
export const VALIDATION_CASES: ValidationCase[] = [
  {
    method: 'createOrganization',
    what: 'a negative monthly pool',
    path: 'monthlyPool',
    call: (fx, t) =>
      fx.allot.createOrganization({
        actor: fx.system,
        id: `${t.orgId}-copy`,
        name: 'Bad',
        monthlyPool: -1,
        admins: [{ userId: 'a', email: 'a@example.com', name: 'A' }],
      }),
  },
  {
    method: 'createOrganization',
    what: 'no admins',
    path: 'admins',
    call: (fx, t) =>
      fx.allot.createOrganization({
        actor: fx.system,
        id: `${t.orgId}-copy`,
        name: 'Bad',
        monthlyPool: 1,
        admins: [],
      }),
  },
  {
    method: 'createOrganization',
    what: 'a malformed domain',
    path: 'domains.0',
    call: (fx, t) =>
      fx.allot.createOrganization({
        actor: fx.system,
        id: `${t.orgId}-copy`,
        name: 'Bad',
        monthlyPool: 1,
        domains: ['not a domain'],
        admins: [{ userId: 'a', email: 'a@example.com', name: 'A' }],
      }),
  },
  {
    method: 'updateSettings',
    what: 'thresholds with yellow above red',
    path: 'thresholds.yellow',
    call: (fx, t) =>
      fx.allot.updateSettings({ actor: fx.admin, orgId: t.orgId, thresholds: { yellow: 95, red: 90 } }),
  },
  {
    method: 'updateSettings',
    what: 'an anchor day of 29',
    path: 'periodAnchorDay',
    call: (fx, t) => fx.allot.updateSettings({ actor: fx.admin, orgId: t.orgId, periodAnchorDay: 29 }),
  },
  {
    method: 'updateSettings',
    what: 'a fractional monthly pool',
    path: 'monthlyPool',
    call: (fx, t) => fx.allot.updateSettings({ actor: fx.system, orgId: t.orgId, monthlyPool: 10.5 }),
  },
  {
    method: 'enroll',
    what: 'a malformed email',
    path: 'email',
    call: (fx) => fx.allot.enroll({ actor: fx.system, userId: 'u', email: 'not-an-email', name: 'U' }),
  },
  {
    method: 'enroll',
    what: 'a blank name',
    path: 'name',
    call: (fx) => fx.allot.enroll({ actor: fx.system, userId: 'u', email: `u@${fx.domain}`, name: '   ' }),
  },
  {
    method: 'setRole',
    what: 'an unknown role',
    path: 'role',
    call: (fx, t) =>
      fx.allot.setRole({ actor: fx.admin, orgId: t.orgId, userId: t.userId, role: 'owner' as 'admin' }),
  },
  {
    method: 'removeMember',
    what: 'an empty user id',
    path: 'userId',
    call: (fx, t) => fx.allot.removeMember({ actor: fx.admin, orgId: t.orgId, userId: '' }),
  },
  {
    method: 'assign',
    what: 'a negative total',
    path: 'total',
    call: (fx, t) => fx.allot.assign({ actor: fx.admin, orgId: t.orgId, userId: t.userId, total: -5 }),
  },
  {
    method: 'assign',
    what: 'a total beyond the safe integer range',
    path: 'total',
    call: (fx, t) => fx.allot.assign({ actor: fx.admin, orgId: t.orgId, userId: t.userId, total: 2 ** 53 }),
  },
  {
    method: 'revoke',
    what: 'an amount of zero',
    path: 'amount',
    call: (fx, t) => fx.allot.revoke({ actor: fx.admin, orgId: t.orgId, userId: t.userId, amount: 0 }),
  },
  {
    method: 'consumeMany',
    what: 'a fractional amount in its second event',
    path: 'events.1.amount',
    call: (fx, t) =>
      fx.allot.consumeMany({
        actor: fx.system,
        orgId: t.orgId,
        events: [
          { userId: t.userId, amount: 1, idempotencyKey: 'k-1' },
          { userId: t.userId, amount: 1.5, idempotencyKey: 'k-2' },
        ],
      }),
  },
  {
    method: 'consume',
    what: 'a fractional amount',
    path: 'amount',
    call: (fx, t) =>
      fx.allot.consume({
        actor: fx.system,
        orgId: t.orgId,
        userId: t.userId,
        amount: 1.5,
        idempotencyKey: 'k',
      }),
  },
  {
    method: 'consume',
    what: 'no idempotency key',
    path: 'idempotencyKey',
    call: (fx, t) =>
      fx.allot.consume({ actor: fx.system, orgId: t.orgId, userId: t.userId, amount: 1 } as Parameters<
        Allot['consume']
      >[0]),
  },
  {
    method: 'consume',
    what: 'metadata with a nested object',
    path: 'metadata.',
    call: (fx, t) =>
      fx.allot.consume({
        actor: fx.system,
        orgId: t.orgId,
        userId: t.userId,
        amount: 1,
        idempotencyKey: 'k',
        metadata: { nested: { deep: true } } as unknown as Record<string, string>,
      }),
  },
  {
    method: 'consume',
    what: 'a description over 500 characters',
    path: 'description',
    call: (fx, t) =>
      fx.allot.consume({
        actor: fx.system,
        orgId: t.orgId,
        userId: t.userId,
        amount: 1,
        idempotencyKey: 'k',
        description: 'x'.repeat(501),
      }),
  },
  {
    method: 'refund',
    what: 'an amount of zero',
    path: 'amount',
    call: (fx, t) =>
      fx.allot.refund({
        actor: fx.system,
        orgId: t.orgId,
        usageId: t.usageId,
        amount: 0,
        idempotencyKey: 'k',
      }),
  },
  {
    method: 'refund',
    what: 'no usage id',
    path: 'usageId',
    call: (fx, t) =>
      fx.allot.refund({ actor: fx.system, orgId: t.orgId, idempotencyKey: 'k' } as Parameters<
        Allot['refund']
      >[0]),
  },
  {
    method: 'submitRequest',
    what: 'a message over 1000 characters',
    path: 'message',
    call: (fx, t) =>
      fx.allot.submitRequest({
        actor: fx.system,
        orgId: t.orgId,
        userId: t.userId,
        amount: 1,
        message: 'm'.repeat(1001),
      }),
  },
  {
    method: 'submitRequest',
    what: 'a negative amount',
    path: 'amount',
    call: (fx, t) =>
      fx.allot.submitRequest({ actor: fx.system, orgId: t.orgId, userId: t.userId, amount: -3 }),
  },
  {
    method: 'approveRequest',
    what: 'a negative amount',
    path: 'amount',
    call: (fx, t) =>
      fx.allot.approveRequest({ actor: fx.admin, orgId: t.orgId, requestId: t.requestId, amount: -1 }),
  },
  {
    method: 'rejectRequest',
    what: 'a reason over 1000 characters',
    path: 'reason',
    call: (fx, t) =>
      fx.allot.rejectRequest({
        actor: fx.admin,
        orgId: t.orgId,
        requestId: t.requestId,
        reason: 'r'.repeat(1001),
      }),
  },
  {
    method: 'cancelRequest',
    what: 'an empty request id',
    path: 'requestId',
    call: (fx, t) => fx.allot.cancelRequest({ actor: fx.admin, orgId: t.orgId, requestId: '  ' }),
  },
  {
    method: 'getSettings',
    what: 'an empty org id',
    path: 'orgId',
    call: (fx) => fx.allot.getSettings({ actor: fx.admin, orgId: '' }),
  },
  {
    method: 'overview',
    what: 'an org id that is not a string',
    path: 'orgId',
    call: (fx) => fx.allot.overview({ actor: fx.admin, orgId: 42 as unknown as string }),
  },
  {
    method: 'members',
    what: 'a limit of 0',
    path: 'limit',
    call: (fx, t) => fx.allot.members({ actor: fx.admin, orgId: t.orgId, limit: 0 }),
  },
  {
    method: 'members',
    what: 'a negative offset',
    path: 'offset',
    call: (fx, t) => fx.allot.members({ actor: fx.admin, orgId: t.orgId, offset: -1 }),
  },
  {
    method: 'requests',
    what: 'an unknown status',
    path: 'status',
    call: (fx, t) => fx.allot.requests({ actor: fx.admin, orgId: t.orgId, status: 'open' as 'pending' }),
  },
  {
    method: 'ledger',
    what: 'a from that is not a date',
    path: 'filter.from',
    call: (fx, t) => fx.allot.ledger({ actor: fx.admin, orgId: t.orgId, filter: { from: 'yesterday' } }),
  },
  {
    method: 'ledger',
    what: 'a limit over 500',
    path: 'limit',
    call: (fx, t) => fx.allot.ledger({ actor: fx.admin, orgId: t.orgId, limit: 501 }),
  },
  {
    method: 'summary',
    what: 'from after to',
    path: 'filter.from',
    call: (fx, t) =>
      fx.allot.summary({ actor: fx.admin, orgId: t.orgId, filter: { from: '2026-03-02', to: '2026-03-01' } }),
  },
  {
    method: 'exportCsv',
    what: 'an unknown event type',
    path: 'filter.type.',
    call: (fx, t) => fx.allot.exportCsv({ actor: fx.admin, orgId: t.orgId, filter: { type: 'bogus' } }),
  },
  {
    method: 'balance',
    what: 'no org id from the system actor (a person’s calls take it from the actor)',
    path: 'orgId',
    call: (fx) => fx.allot.balance({ actor: fx.system } as Parameters<Allot['balance']>[0]),
  },
  {
    method: 'verifyJournal',
    what: 'an org id that is not a string',
    path: 'orgId',
    call: (fx) =>
      fx.allot.verifyJournal({ actor: fx.admin, orgId: 7 } as unknown as Parameters<
        Allot['verifyJournal']
      >[0]),
  },
  {
    method: 'verifyJournal',
    what: 'a saved head whose hash is not hex',
    path: 'head.chains.0.hash',
    call: (fx) =>
      fx.allot.verifyJournal({
        actor: fx.admin,
        orgId: fx.orgId,
        head: { orgId: fx.orgId, chains: [{ userId: null, seq: 1, hash: 'zz' }], digest: '0'.repeat(64) },
      }),
  },
  {
    method: 'journalHead',
    what: 'no org id from the system actor',
    path: 'orgId',
    call: (fx) => fx.allot.journalHead({ actor: fx.system } as Parameters<Allot['journalHead']>[0]),
  },
  {
    method: 'reserve',
    what: 'a ttl of 0 seconds',
    path: 'ttlSeconds',
    call: (fx, t) =>
      fx.allot.reserve({
        actor: fx.system,
        orgId: t.orgId,
        userId: t.userId,
        amount: 1,
        ttlSeconds: 0,
        idempotencyKey: 'k',
      }),
  },
  {
    method: 'reserve',
    what: 'no idempotency key',
    path: 'idempotencyKey',
    call: (fx, t) =>
      fx.allot.reserve({ actor: fx.system, orgId: t.orgId, userId: t.userId, amount: 1 } as Parameters<
        Allot['reserve']
      >[0]),
  },
  {
    method: 'capture',
    what: 'an amount of zero',
    path: 'amount',
    call: (fx, t) =>
      fx.allot.capture({
        actor: fx.system,
        orgId: t.orgId,
        holdId: t.holdId,
        amount: 0,
        idempotencyKey: 'k',
      }),
  },
  {
    method: 'capture',
    what: 'more than the hold',
    path: 'amount',
    call: (fx, t) =>
      fx.allot.capture({
        actor: fx.system,
        orgId: t.orgId,
        holdId: t.holdId,
        amount: 11,
        idempotencyKey: 'k',
      }),
  },
  {
    method: 'release',
    what: 'an empty hold id',
    path: 'holdId',
    call: (fx, t) => fx.allot.release({ actor: fx.system, orgId: t.orgId, holdId: '' }),
  },
  {
    method: 'holds',
    what: 'an unknown status',
    path: 'status',
    call: (fx, t) => fx.allot.holds({ actor: fx.admin, orgId: t.orgId, status: 'pending' as 'active' }),
  },
  {
    method: 'topUp',
    what: 'a negative amount',
    path: 'amount',
    call: (fx, t) => fx.allot.topUp({ actor: fx.system, orgId: t.orgId, amount: -100 }),
  },
  {
    method: 'updateSettings',
    what: 'a member alert percentage over 100',
    path: 'memberAlerts.remainingBelowPercent',
    call: (fx, t) =>
      fx.allot.updateSettings({
        actor: fx.admin,
        orgId: t.orgId,
        memberAlerts: { remainingBelow: null, remainingBelowPercent: 101 },
      }),
  },
];
