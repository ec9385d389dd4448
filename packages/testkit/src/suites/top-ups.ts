import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { randomId } from '../harness/random';
import { fails, ok } from '../harness/results';

/** topUp: credits added to this period's pool. */
export function topUpsSuite(kit: SuiteContext): void {
  describe('pool top-ups', () => {
    it('a top-up raises this period’s pool and unallocated credits, journaled at the organization', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      await fx.member({ allocation: 800 });
      const result = await ok(
        fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 500, reason: 'Launch week' }),
      );
      expect(result).toMatchObject({ topUps: 500, pool: 1500 });
      expect(result.entry).toMatchObject({
        type: 'top_up',
        amount: 500,
        userId: null,
        balanceAfter: null,
        description: 'Launch week',
        actor: 'system',
      });
      expect(await fx.store.getJournalEntry({ orgId: fx.orgId, entryId: result.entry.id })).toEqual(
        result.entry,
      );
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({
        monthlyPool: 1000,
        topUps: 500,
        pool: 1500,
        allocated: 800,
        unallocated: 700,
      });
      const second = await ok(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 250 }));
      expect(second).toMatchObject({ topUps: 750, pool: 1750 });
      expect(second.entry.description.length).toBeGreaterThan(0);
      expect(await fx.journal({ type: ['top_up'] })).toHaveLength(2);
    });

    it('topped-up credits can be assigned', async () => {
      const fx = await kit.org({ monthlyPool: 100 });
      await fx.member({ allocation: 100 });
      const b = await fx.member();
      await fails(
        fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: b.userId, total: 50 }),
        'insufficient_pool',
      );
      await ok(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 50 }));
      await ok(fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: b.userId, total: 50 }));
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({ pool: 150, allocated: 150, unallocated: 0 });
    });

    it('usage is measured against the topped-up pool', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const m = await fx.member({ allocation: 1000 });
      await fx.consume(m.userId, 750);
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).health).toBe('yellow');
      await ok(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 500 }));
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({ usagePercent: 50, health: 'green', remaining: 750 });
    });

    it('top-ups end with the billing period: the next one starts from the monthly pool', async () => {
      const fx = await kit.org({ monthlyPool: 100, rolloverPolicy: 'reset' });
      await ok(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 400 }));
      const m = await fx.member({ allocation: 300 });
      await fx.consume(m.userId, 50);
      fx.clock.set('2026-04-02T00:00:00.000Z');
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({
        monthlyPool: 100,
        topUps: 0,
        pool: 100,
        allocated: 0,
        unallocated: 100,
      });
    });

    it('with carry, allocations that no longer fit the next period’s pool are scaled down into it', async () => {
      const fx = await kit.org({ monthlyPool: 100, rolloverPolicy: 'carry' });
      await ok(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 400 }));
      const a = await fx.member({ allocation: 300 });
      const b = await fx.member({ allocation: 100 });
      await fx.consume(a.userId, 250);
      fx.clock.set('2026-04-02T00:00:00.000Z');
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({ topUps: 0, pool: 100, used: 0 });
      expect(overview.allocated).toBeLessThanOrEqual(100);
      expect(overview.unallocated).toBeGreaterThanOrEqual(0);
      expect(await fx.memberState(a.userId)).toEqual({ allocated: 75, used: 0, remaining: 75 });
      expect(await fx.memberState(b.userId)).toEqual({ allocated: 25, used: 0, remaining: 25 });
    });

    it('the monthly pool cannot drop below what is allocated beyond this period’s top-ups', async () => {
      const fx = await kit.org({ monthlyPool: 100 });
      await ok(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 50 }));
      await fx.member({ allocation: 120 });
      const before = await fx.count();
      const error = await fails(
        fx.allot.updateSettings({ actor: fx.system, orgId: fx.orgId, monthlyPool: 69 }),
        'insufficient_pool',
      );
      expect(error).toMatchObject({ requested: 120, available: 119 });
      expect(await fx.count()).toBe(before);
      const lowered = await ok(
        fx.allot.updateSettings({ actor: fx.system, orgId: fx.orgId, monthlyPool: 70 }),
      );
      expect(lowered.monthlyPool).toBe(70);
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({ monthlyPool: 70, topUps: 50, pool: 120, unallocated: 0 });
    });

    it('a member may not top up the pool, and the refusal writes nothing', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 10 });
      const before = await fx.count();
      await fails(fx.allot.topUp({ actor: m.actor, orgId: fx.orgId, amount: 100 }), 'forbidden');
      expect(await fx.count()).toBe(before);
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).topUps).toBe(0);
    });

    it('a top-up retried with its key is applied once', async () => {
      const fx = await kit.org({ monthlyPool: 100 });
      const call = { actor: fx.system, orgId: fx.orgId, amount: 40, idempotencyKey: randomId() };
      const first = await ok(fx.allot.topUp(call));
      const again = await ok(fx.allot.topUp(call));
      expect(again).toEqual(first);
      expect(await fx.journal({ type: ['top_up'] })).toHaveLength(1);
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).pool).toBe(140);
    });
  });
}
