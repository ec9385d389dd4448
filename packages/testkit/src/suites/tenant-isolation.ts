import { actors } from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { collectText } from '../harness/journal';
import { OPERATIONS, prepareTargets } from '../harness/operations';
import { fails, ok } from '../harness/results';

/** No call ever reads or changes another organization's data. */
export function tenantIsolationSuite(kit: SuiteContext): void {
  describe('tenant isolation', () => {
    it.each(OPERATIONS.map((op) => [op.name, op] as const))(
      'the admin of another organization calling %s on this one is forbidden and writes nothing',
      async (_name, op) => {
        const a = await kit.org();
        const b = await kit.org();
        const t = await prepareTargets(a);
        const before = await a.count();
        await fails(op.call(b.allot, b.admin, t), 'forbidden');
        await fails(op.call(b.allot, actors.user(a.orgId, b.adminId), t), 'forbidden');
        expect(await a.count()).toBe(before);
      },
    );

    it('another organization’s requests cannot be decided through one’s own organization (not_found)', async () => {
      const a = await kit.org();
      const b = await kit.org();
      const t = await prepareTargets(a);
      await fails(
        b.allot.approveRequest({ actor: b.admin, orgId: b.orgId, requestId: t.requestId }),
        'not_found',
      );
      await fails(
        b.allot.rejectRequest({ actor: b.admin, orgId: b.orgId, requestId: t.requestId }),
        'not_found',
      );
      await fails(
        b.allot.cancelRequest({ actor: b.admin, orgId: b.orgId, requestId: t.requestId }),
        'not_found',
      );
      expect((await a.store.getRequest({ orgId: a.orgId, requestId: t.requestId }))?.status).toBe('pending');
    });

    it('another organization’s usage cannot be refunded through one’s own organization (not_found)', async () => {
      const a = await kit.org();
      const b = await kit.org();
      const t = await prepareTargets(a);
      await fails(
        b.allot.refund({ actor: b.system, orgId: b.orgId, usageId: t.usageId, idempotencyKey: 'r' }),
        'not_found',
      );
      expect(await a.store.sumRefunds({ orgId: a.orgId, usageId: t.usageId })).toBe(0);
    });

    it('another organization’s holds cannot be captured or released through one’s own organization (not_found)', async () => {
      const a = await kit.org();
      const b = await kit.org();
      const t = await prepareTargets(a);
      const target = { actor: b.system, orgId: b.orgId, holdId: t.holdId };
      await fails(b.allot.capture({ ...target, idempotencyKey: 'c' }), 'not_found');
      await fails(b.allot.release(target), 'not_found');
      expect(await a.store.getHold({ orgId: a.orgId, holdId: t.holdId })).toMatchObject({ status: 'active' });
      expect((await a.balance(t.userId)).held).toBe(10);
    });

    it('another organization’s members cannot be changed or read through one’s own organization (not_found)', async () => {
      const a = await kit.org();
      const b = await kit.org();
      const t = await prepareTargets(a);
      const target = { actor: b.admin, orgId: b.orgId, userId: t.userId };
      await fails(b.allot.assign({ ...target, total: 5 }), 'not_found');
      await fails(b.allot.revoke({ ...target, amount: 1 }), 'not_found');
      await fails(b.allot.setRole({ ...target, role: 'admin' }), 'not_found');
      await fails(b.allot.removeMember(target), 'not_found');
      await fails(b.allot.balance(target), 'not_found');
      await fails(b.allot.consume({ ...target, amount: 1, idempotencyKey: 'k' }), 'not_found');
      await fails(b.allot.reserve({ ...target, amount: 1, idempotencyKey: 'h' }), 'not_found');
      expect(await a.memberState(t.userId)).toEqual({ allocated: 100, used: 10, remaining: 80 });
    });

    it('filtering one’s own ledger, summary, export and requests by another organization’s user finds nothing', async () => {
      const a = await kit.org();
      const b = await kit.org();
      const t = await prepareTargets(a);
      const scope = { actor: b.admin, orgId: b.orgId };
      expect((await ok(b.allot.ledger({ ...scope, filter: { userId: t.userId } }))).items).toEqual([]);
      expect(await ok(b.allot.summary({ ...scope, filter: { userId: t.userId } }))).toEqual({
        usage: 0,
        allocated: 0,
        revoked: 0,
        refunded: 0,
      });
      const csv = await collectText(await ok(b.allot.exportCsv({ ...scope, filter: { userId: t.userId } })));
      expect(csv.trimEnd().split('\r\n')).toHaveLength(1);
      expect((await ok(b.allot.requests({ ...scope, userId: t.userId }))).items).toEqual([]);
      expect((await ok(b.allot.holds({ ...scope, status: 'all', userId: t.userId }))).items).toEqual([]);
    });

    it('an organization’s reads hold none of another organization’s data', async () => {
      const a = await kit.org();
      const b = await kit.org();
      const t = await prepareTargets(a);
      await prepareTargets(b);
      const ledger = await ok(b.allot.ledger({ actor: b.admin, orgId: b.orgId, limit: 500 }));
      expect(ledger.items.every((e) => e.orgId === b.orgId)).toBe(true);
      expect(ledger.items.map((e) => e.id)).not.toContain(t.usageId);
      const members = await ok(b.allot.members({ actor: b.admin, orgId: b.orgId }));
      expect(members.items.every((m) => m.orgId === b.orgId)).toBe(true);
      const requests = await ok(b.allot.requests({ actor: b.admin, orgId: b.orgId }));
      expect(requests.items.map((r) => r.id)).not.toContain(t.requestId);
      const holds = await ok(b.allot.holds({ actor: b.admin, orgId: b.orgId, status: 'all' }));
      expect(holds.items).toHaveLength(1);
      expect(holds.items.every((h) => h.orgId === b.orgId && h.id !== t.holdId)).toBe(true);
      const overview = await ok(b.allot.overview({ actor: b.admin, orgId: b.orgId }));
      expect(overview).toMatchObject({
        allocated: 100,
        used: 10,
        held: 10,
        memberCount: 2,
        pendingRequests: 1,
      });
    });

    it('the store’s reads are scoped by organization', async () => {
      const a = await kit.org();
      const b = await kit.org();
      const t = await prepareTargets(a);
      const store = kit.store;
      expect(await store.getMember({ orgId: b.orgId, userId: t.userId })).toBeNull();
      expect(await store.getRequest({ orgId: b.orgId, requestId: t.requestId })).toBeNull();
      expect(await store.getJournalEntry({ orgId: b.orgId, entryId: t.usageId })).toBeNull();
      expect(await store.countRequests({ orgId: b.orgId, status: 'pending' })).toBe(0);
      expect(
        (await store.listJournal({ orgId: b.orgId, filter: { userId: t.userId }, limit: 10 })).length,
      ).toBe(0);
      expect(await store.memberTotals({ orgId: b.orgId })).toEqual({ used: 0, held: 0, activeMembers: 1 });
      expect(await store.getHold({ orgId: b.orgId, holdId: t.holdId })).toBeNull();
      expect(await store.listActiveHolds({ orgId: b.orgId })).toEqual([]);
      expect(await store.listActiveHolds({ orgId: b.orgId, userId: t.userId })).toEqual([]);
      expect(await store.listHolds({ orgId: b.orgId, limit: 10 })).toEqual([]);
      expect(await store.listHolds({ orgId: b.orgId, userId: t.userId, limit: 10 })).toEqual([]);
      expect(await store.getMember({ orgId: a.orgId, userId: t.userId })).not.toBeNull();
      expect(await store.getHold({ orgId: a.orgId, holdId: t.holdId })).not.toBeNull();
    });

    it('the same host user id in two organizations is two separate members', async () => {
      const a = await kit.org();
      const b = await kit.org();
      const userId = `shared-${a.orgId}`;
      await ok(a.allot.enroll({ actor: a.system, userId, email: `s@${a.domain}`, name: 'Sam' }));
      await ok(b.allot.enroll({ actor: b.system, userId, email: `s@${b.domain}`, name: 'Sam' }));
      await ok(a.allot.assign({ actor: a.admin, orgId: a.orgId, userId, total: 50 }));
      await a.consume(userId, 20);
      expect(await a.memberState(userId)).toEqual({ allocated: 50, used: 20, remaining: 50 - 20 });
      expect(await b.memberState(userId)).toEqual({ allocated: 0, used: 0, remaining: 0 });
      await fails(b.allot.overview({ actor: actors.user(b.orgId, userId), orgId: b.orgId }), 'forbidden');
      await fails(b.allot.balance({ actor: actors.user(b.orgId, userId), orgId: a.orgId }), 'forbidden');
    });
  });
}
