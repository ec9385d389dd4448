import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { randomId } from '../harness/random';
import { fails, ok } from '../harness/results';

const APRIL = { start: '2026-04-01T00:00:00.000Z', end: '2026-05-01T00:00:00.000Z' };

/** Lazy billing-period rollover driven by each test's manual clock. */
export function rolloverSuite(kit: SuiteContext): void {
  describe('billing period rollover', () => {
    it('carry: allocations stay, usage resets, and the rollover is journaled', async () => {
      const fx = await kit.org({ rolloverPolicy: 'carry' });
      const m = await fx.member({ allocation: 100 });
      await fx.consume(m.userId, 30);
      fx.clock.set('2026-04-02T08:00:00.000Z');
      const balance = await ok(fx.allot.balance({ actor: m.actor, orgId: fx.orgId }));
      expect(balance).toMatchObject({ allocated: 100, used: 0, remaining: 100, period: APRIL });
      const [rollover] = await fx.journal({ userId: m.userId, type: ['rollover'] });
      expect(rollover).toMatchObject({ amount: 30, balanceAfter: 100, at: '2026-04-02T08:00:00.000Z' });
      const started = await fx.journal({ type: ['period_started'] });
      expect(started).toHaveLength(1);
      expect(started[0]?.userId).toBeNull();
    });

    it('reset: allocations go back to zero and the pool is free again', async () => {
      const fx = await kit.org({ rolloverPolicy: 'reset', monthlyPool: 500 });
      const m = await fx.member({ allocation: 300 });
      await fx.consume(m.userId, 100);
      fx.clock.set('2026-04-01T00:00:00.000Z');
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({ allocated: 0, unallocated: 500, used: 0, period: APRIL });
      const [rollover] = await fx.journal({ userId: m.userId, type: ['rollover'] });
      expect(rollover).toMatchObject({ amount: -200, balanceAfter: 0 });
      expect(await fx.memberState(m.userId)).toEqual({ allocated: 0, used: 0, remaining: 0 });
    });

    it('nothing rolls over before the period end; the end instant itself starts the new period', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 10 });
      await fx.consume(m.userId, 4);
      fx.clock.set('2026-03-31T23:59:59.999Z');
      expect((await fx.memberState(m.userId)).used).toBe(4);
      expect(await fx.journal({ type: ['period_started'] })).toEqual([]);
      fx.clock.set('2026-04-01T00:00:00.000Z');
      expect((await fx.memberState(m.userId)).used).toBe(0);
    });

    it('several skipped months roll over once, into the period containing now', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 50 });
      await fx.consume(m.userId, 50);
      fx.clock.set('2026-07-15T10:00:00.000Z');
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview.period).toEqual({ start: '2026-07-01T00:00:00.000Z', end: '2026-08-01T00:00:00.000Z' });
      expect(await fx.journal({ type: ['period_started'] })).toHaveLength(1);
      expect(await fx.journal({ userId: m.userId, type: ['rollover'] })).toHaveLength(1);
      expect(await fx.memberState(m.userId)).toEqual({ allocated: 50, used: 0, remaining: 50 });
    });

    it('reads roll over too: overview, ledger and members see the new period', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 40 });
      await fx.consume(m.userId, 40);
      fx.clock.set('2026-04-03T00:00:00.000Z');
      const members = await ok(fx.allot.members({ actor: fx.admin, orgId: fx.orgId }));
      expect(members.items.find((x) => x.userId === m.userId)).toMatchObject({ used: 0, remaining: 40 });
      const ledger = await ok(fx.allot.ledger({ actor: m.actor, orgId: fx.orgId, limit: 1 }));
      expect(ledger.items[0]).toMatchObject({ type: 'rollover', amount: 40 });
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).used).toBe(0);
      expect(await fx.journal({ type: ['period_started'] })).toHaveLength(1);
    });

    it('the first command of a new period rolls over before it decides', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 20 });
      await fx.consume(m.userId, 20);
      await fails(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 1,
          idempotencyKey: randomId(),
        }),
        'insufficient_credits',
      );
      fx.clock.set('2026-04-05T00:00:00.000Z');
      const result = await ok(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 20,
          idempotencyKey: randomId(),
        }),
      );
      expect(result.member).toMatchObject({ used: 20, remaining: 0 });
    });

    it('refund of a usage from a previous period is period_closed', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const old = await fx.consume(m.userId, 30);
      fx.clock.set('2026-04-02T00:00:00.000Z');
      const fresh = await fx.consume(m.userId, 10);
      const before = await fx.count();
      await fails(
        fx.allot.refund({ actor: fx.system, orgId: fx.orgId, usageId: old.id, idempotencyKey: randomId() }),
        'period_closed',
      );
      expect(await fx.count()).toBe(before);
      await ok(
        fx.allot.refund({ actor: fx.system, orgId: fx.orgId, usageId: fresh.id, idempotencyKey: randomId() }),
      );
      expect((await fx.memberState(m.userId)).used).toBe(0);
    });

    it('a refund call is itself what rolls the period over and then refuses the old usage', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const old = await fx.consume(m.userId, 30);
      fx.clock.set('2026-04-02T00:00:00.000Z');
      await fails(
        fx.allot.refund({ actor: fx.system, orgId: fx.orgId, usageId: old.id, idempotencyKey: randomId() }),
        'period_closed',
      );
      expect(await fx.memberState(m.userId)).toEqual({ allocated: 100, used: 0, remaining: 100 });
    });

    it('removed members drop to zero at rollover even with carry', async () => {
      const fx = await kit.org({ rolloverPolicy: 'carry', monthlyPool: 100 });
      const stay = await fx.member({ allocation: 40 });
      const leave = await fx.member({ allocation: 60 });
      await fx.consume(leave.userId, 25);
      await ok(fx.allot.removeMember({ actor: fx.admin, orgId: fx.orgId, userId: leave.userId }));
      fx.clock.set('2026-04-02T00:00:00.000Z');
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({ allocated: 40, unallocated: 60, used: 0 });
      expect((await fx.memberState(stay.userId)).allocated).toBe(40);
    });

    it('pending requests survive a rollover and can be approved in the new period', async () => {
      const fx = await kit.org({ rolloverPolicy: 'reset' });
      const m = await fx.member({ allocation: 10 });
      const request = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 30 }));
      fx.clock.set('2026-04-02T00:00:00.000Z');
      const approved = await ok(
        fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId: request.id }),
      );
      expect(approved.member).toMatchObject({ allocated: 30, remaining: 30 });
    });

    it('rolls over again at the end of the next period', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 10 });
      await fx.consume(m.userId, 5);
      fx.clock.set('2026-04-10T00:00:00.000Z');
      await fx.consume(m.userId, 7);
      fx.clock.set('2026-05-10T00:00:00.000Z');
      expect(await fx.memberState(m.userId)).toEqual({ allocated: 10, used: 0, remaining: 10 });
      expect(await fx.journal({ type: ['period_started'] })).toHaveLength(2);
    });

    it('a new anchor day takes effect from the next period, which starts where the last one ended', async () => {
      const fx = await kit.org({ periodAnchorDay: 1 });
      const m = await fx.member({ allocation: 100 });
      await ok(fx.allot.updateSettings({ actor: fx.admin, orgId: fx.orgId, periodAnchorDay: 15 }));
      fx.clock.set('2026-03-20T00:00:00.000Z');
      const lastMonth = await fx.consume(m.userId, 40);
      const current = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(current.period).toEqual({ start: '2026-03-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' });
      fx.clock.set('2026-04-02T00:00:00.000Z');
      const balance = await ok(fx.allot.balance({ actor: m.actor, orgId: fx.orgId }));
      expect(balance).toMatchObject({ used: 0, remaining: 100 });
      expect(balance.period.start).toBe('2026-04-01T00:00:00.000Z');
      expect(balance.period.end).toBe('2026-04-15T00:00:00.000Z');
      await fails(
        fx.allot.refund({
          actor: fx.system,
          orgId: fx.orgId,
          usageId: lastMonth.id,
          idempotencyKey: randomId(),
        }),
        'period_closed',
      );
      fx.clock.set('2026-04-16T00:00:00.000Z');
      const next = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(next.period).toEqual({ start: '2026-04-15T00:00:00.000Z', end: '2026-05-15T00:00:00.000Z' });
    });
  });
}
