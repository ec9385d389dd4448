import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { randomId } from '../harness/random';
import { fails, ok } from '../harness/results';

/** The request → approve / reject / cancel workflow. */
export function requestsSuite(kit: SuiteContext): void {
  describe('requests workflow', () => {
    it('a member submits a pending request, journaled with amount 0', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const request = await ok(
        fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 250, message: 'Launch' }),
      );
      expect(request).toMatchObject({
        orgId: fx.orgId,
        userId: m.userId,
        userEmail: m.email,
        userName: m.name,
        amount: 250,
        message: 'Launch',
        status: 'pending',
        decidedAt: null,
        grantedAmount: null,
      });
      const [entry] = await fx.journal({ userId: m.userId });
      expect(entry).toMatchObject({
        type: 'request_submitted',
        amount: 0,
        requestId: request.id,
        balanceAfter: 0,
      });
      expect(await fx.store.getRequest({ orgId: fx.orgId, requestId: request.id })).toEqual(request);
    });

    it('a message is optional and stored as null when omitted', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const request = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 1 }));
      expect(request.message).toBeNull();
    });

    it('a message of exactly 1000 characters is accepted; 1001 is validation on message', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      await ok(
        fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 1, message: 'x'.repeat(1000) }),
      );
      const before = await fx.count();
      const error = await fails(
        fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 1, message: 'x'.repeat(1001) }),
        'validation',
      );
      expect(error.issues.map((i) => i.path)).toContain('message');
      expect(await fx.count()).toBe(before);
    });

    it('approving allocates the requested amount automatically', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const m = await fx.member({ allocation: 100 });
      const request = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 250 }));
      const result = await ok(
        fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId: request.id }),
      );
      expect(result.request).toMatchObject({
        status: 'approved',
        grantedAmount: 250,
        decidedBy: `user:${fx.adminId}`,
      });
      expect(result.request.decidedAt).not.toBeNull();
      expect(result.member).toMatchObject({ allocated: 350, remaining: 350 });
      expect(result.entry).toMatchObject({
        type: 'allocation',
        amount: 250,
        requestId: request.id,
        balanceAfter: 350,
      });
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).unallocated).toBe(650);
    });

    it('an admin may approve a smaller amount than requested', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const request = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 500 }));
      const result = await ok(
        fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId: request.id, amount: 200 }),
      );
      expect(result.request).toMatchObject({ status: 'approved', amount: 500, grantedAmount: 200 });
      expect(await fx.memberState(m.userId)).toEqual({ allocated: 200, used: 0, remaining: 200 });
    });

    it('approving more than was requested is validation on amount and the request stays pending', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const request = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 100 }));
      const error = await fails(
        fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId: request.id, amount: 101 }),
        'validation',
      );
      expect(error.issues.map((i) => i.path)).toContain('amount');
      expect((await fx.store.getRequest({ orgId: fx.orgId, requestId: request.id }))?.status).toBe('pending');
    });

    it('approving beyond the unallocated pool is insufficient_pool and the request stays pending', async () => {
      const fx = await kit.org({ monthlyPool: 300 });
      await fx.member({ allocation: 200 });
      const m = await fx.member();
      const request = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 150 }));
      const before = await fx.count();
      const error = await fails(
        fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId: request.id }),
        'insufficient_pool',
      );
      expect(error).toMatchObject({ requested: 150, available: 100 });
      expect(await fx.count()).toBe(before);
      expect((await fx.store.getRequest({ orgId: fx.orgId, requestId: request.id }))?.status).toBe('pending');
      const pending = await ok(fx.allot.requests({ actor: fx.admin, orgId: fx.orgId, status: 'pending' }));
      expect(pending.items.map((r) => r.id)).toEqual([request.id]);
      const partial = await ok(
        fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId: request.id, amount: 100 }),
      );
      expect(partial.request.grantedAmount).toBe(100);
    });

    it('rejecting moves no credits and records the reason', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 50 });
      const request = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 100 }));
      const rejected = await ok(
        fx.allot.rejectRequest({
          actor: fx.admin,
          orgId: fx.orgId,
          requestId: request.id,
          reason: 'Not this month',
        }),
      );
      expect(rejected).toMatchObject({ status: 'rejected', reason: 'Not this month', grantedAmount: null });
      expect(await fx.memberState(m.userId)).toEqual({ allocated: 50, used: 0, remaining: 50 });
      const [entry] = await fx.journal({ userId: m.userId });
      expect(entry).toMatchObject({
        type: 'request_rejected',
        amount: 0,
        requestId: request.id,
        balanceAfter: 50,
      });
    });

    it('the requester may cancel their own pending request', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const request = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 10 }));
      const cancelled = await ok(
        fx.allot.cancelRequest({ actor: m.actor, orgId: fx.orgId, requestId: request.id }),
      );
      expect(cancelled.status).toBe('cancelled');
      const [entry] = await fx.journal({ userId: m.userId });
      expect(entry).toMatchObject({ type: 'request_cancelled', amount: 0, requestId: request.id });
    });

    it('cancelling someone else’s request is forbidden, even for an admin', async () => {
      const fx = await kit.org();
      const owner = await fx.member();
      const other = await fx.member();
      const request = await ok(fx.allot.submitRequest({ actor: owner.actor, orgId: fx.orgId, amount: 10 }));
      const before = await fx.count();
      await fails(
        fx.allot.cancelRequest({ actor: other.actor, orgId: fx.orgId, requestId: request.id }),
        'forbidden',
      );
      await fails(
        fx.allot.cancelRequest({ actor: fx.admin, orgId: fx.orgId, requestId: request.id }),
        'forbidden',
      );
      expect(await fx.count()).toBe(before);
      expect((await fx.store.getRequest({ orgId: fx.orgId, requestId: request.id }))?.status).toBe('pending');
    });

    it.each([
      ['approve', 'approved'],
      ['reject', 'rejected'],
      ['cancel', 'cancelled'],
    ] as const)(
      'a request that is no longer pending cannot change (request_not_pending after %s)',
      async (first, status) => {
        const fx = await kit.org();
        const m = await fx.member();
        const { id: requestId } = await ok(
          fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 10 }),
        );
        if (first === 'approve')
          await ok(fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId }));
        if (first === 'reject')
          await ok(fx.allot.rejectRequest({ actor: fx.admin, orgId: fx.orgId, requestId }));
        if (first === 'cancel')
          await ok(fx.allot.cancelRequest({ actor: m.actor, orgId: fx.orgId, requestId }));
        const before = await fx.count();
        const approve = await fails(
          fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId }),
          'request_not_pending',
        );
        expect(approve.status).toBe(status);
        await fails(
          fx.allot.rejectRequest({ actor: fx.admin, orgId: fx.orgId, requestId }),
          'request_not_pending',
        );
        await fails(
          fx.allot.cancelRequest({ actor: m.actor, orgId: fx.orgId, requestId }),
          'request_not_pending',
        );
        expect(await fx.count()).toBe(before);
      },
    );

    it('deciding an unknown request is not_found', async () => {
      const fx = await kit.org();
      const requestId = randomId('ghost');
      await fails(fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId }), 'not_found');
      await fails(fx.allot.rejectRequest({ actor: fx.admin, orgId: fx.orgId, requestId }), 'not_found');
      await fails(fx.allot.cancelRequest({ actor: fx.admin, orgId: fx.orgId, requestId }), 'not_found');
    });

    it('the system actor may submit on behalf of a named member', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const request = await ok(
        fx.allot.submitRequest({ actor: fx.system, orgId: fx.orgId, userId: m.userId, amount: 5 }),
      );
      expect(request.userId).toBe(m.userId);
      const error = await fails(
        fx.allot.submitRequest({ actor: fx.system, orgId: fx.orgId, amount: 5 }),
        'validation',
      );
      expect(error.issues.map((i) => i.path)).toContain('userId');
    });

    it('a member cannot submit a request for someone else (forbidden)', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const other = await fx.member();
      await fails(
        fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, userId: other.userId, amount: 5 }),
        'forbidden',
      );
    });

    it('pending requests are counted in the overview until decided', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const a = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 5 }));
      await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 6 }));
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).pendingRequests).toBe(2);
      await ok(fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId: a.id }));
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).pendingRequests).toBe(1);
    });
  });
}
