import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { randomId } from '../harness/random';
import { fails, ok } from '../harness/results';

/** assign (sets the total) and revoke. */
export function allocationSuite(kit: SuiteContext): void {
  describe('allocation: assign & revoke', () => {
    it('assign sets the member total and journals the difference as an allocation', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const first = await ok(
        fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 300 }),
      );
      expect(first.member).toMatchObject({ allocated: 300, remaining: 300 });
      expect(first.entry).toMatchObject({
        type: 'allocation',
        amount: 300,
        balanceAfter: 300,
        userId: m.userId,
      });
      const second = await ok(
        fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 450 }),
      );
      expect(second.member.allocated).toBe(450);
      expect(second.entry).toMatchObject({ type: 'allocation', amount: 150, balanceAfter: 450 });
    });

    it('assigning a lower total journals a revocation of the difference', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 400 });
      const result = await ok(
        fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 100 }),
      );
      expect(result.entry).toMatchObject({ type: 'revocation', amount: -300, balanceAfter: 100 });
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).unallocated).toBe(900);
    });

    it('assigning the current total writes nothing and returns no entry', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 200 });
      const before = await fx.count();
      const result = await ok(
        fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 200 }),
      );
      expect(result.entry).toBeNull();
      expect(result.member.allocated).toBe(200);
      expect(await fx.count()).toBe(before);
    });

    it('assign may use exactly all unallocated credits', async () => {
      const fx = await kit.org({ monthlyPool: 500 });
      const a = await fx.member({ allocation: 200 });
      const b = await fx.member();
      await ok(fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: b.userId, total: 300 }));
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({ allocated: 500, unallocated: 0 });
      expect((await fx.memberState(a.userId)).allocated).toBe(200);
    });

    it('assign beyond the unallocated credits is insufficient_pool and changes nothing', async () => {
      const fx = await kit.org({ monthlyPool: 500 });
      await fx.member({ allocation: 200 });
      const b = await fx.member({ allocation: 100 });
      const before = await fx.count();
      const error = await fails(
        fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: b.userId, total: 401 }),
        'insufficient_pool',
      );
      expect(error).toMatchObject({ requested: 301, available: 200 });
      expect((await fx.memberState(b.userId)).allocated).toBe(100);
      expect(await fx.count()).toBe(before);
    });

    it('assign below what the member already used is allocation_below_usage', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      await fx.consume(m.userId, 60);
      const error = await fails(
        fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 59 }),
        'allocation_below_usage',
      );
      expect(error).toMatchObject({ total: 59, used: 60 });
      const exact = await ok(
        fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 60 }),
      );
      expect(exact.member).toMatchObject({ allocated: 60, used: 60, remaining: 0 });
    });

    it('assign to a member that does not exist or was removed is not_found', async () => {
      const fx = await kit.org();
      await fails(
        fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: randomId('ghost'), total: 1 }),
        'not_found',
      );
      const m = await fx.member();
      await ok(fx.allot.removeMember({ actor: fx.admin, orgId: fx.orgId, userId: m.userId }));
      await fails(
        fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 1 }),
        'not_found',
      );
    });

    it('assign in an organization that does not exist is not_found for the system actor', async () => {
      const fx = await kit.org();
      await fails(
        fx.allot.assign({ actor: fx.system, orgId: randomId('missing'), userId: fx.adminId, total: 1 }),
        'not_found',
      );
    });

    it('revoke takes credits back into the pool', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const m = await fx.member({ allocation: 300 });
      const result = await ok(
        fx.allot.revoke({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, amount: 120 }),
      );
      expect(result.member).toMatchObject({ allocated: 180, remaining: 180 });
      expect(result.entry).toMatchObject({ type: 'revocation', amount: -120, balanceAfter: 180 });
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).unallocated).toBe(820);
    });

    it('revoke may take exactly the remaining credits, leaving the used ones allocated', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      await fx.consume(m.userId, 30);
      const result = await ok(
        fx.allot.revoke({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, amount: 70 }),
      );
      expect(result.member).toMatchObject({ allocated: 30, used: 30, remaining: 0 });
    });

    it('revoke more than the member has remaining is insufficient_credits and changes nothing', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      await fx.consume(m.userId, 30);
      const before = await fx.count();
      const error = await fails(
        fx.allot.revoke({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, amount: 71 }),
        'insufficient_credits',
      );
      expect(error).toMatchObject({ requested: 71, available: 70 });
      expect(await fx.memberState(m.userId)).toEqual({ allocated: 100, used: 30, remaining: 70 });
      expect(await fx.count()).toBe(before);
    });

    it('revoke from an unknown member is not_found', async () => {
      const fx = await kit.org();
      await fails(
        fx.allot.revoke({ actor: fx.admin, orgId: fx.orgId, userId: randomId('ghost'), amount: 1 }),
        'not_found',
      );
    });

    it('every allocation change records who made it', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      await ok(fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 10 }));
      fx.clock.advance(1000);
      await ok(fx.allot.revoke({ actor: fx.system, orgId: fx.orgId, userId: m.userId, amount: 5 }));
      const entries = await fx.journal({ userId: m.userId, type: ['allocation', 'revocation'] });
      expect(entries.map((e) => e.actor)).toEqual(['system', `user:${fx.adminId}`]);
    });
  });
}
