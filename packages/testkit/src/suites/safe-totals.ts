import type { AllotError } from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { randomId } from '../harness/random';
import { fails, ok } from '../harness/results';
import { checkInvariants } from '../invariants/check-invariants';

const MAX = Number.MAX_SAFE_INTEGER;

/** Expects the `validation` refusal that names `field` and the total that would pass the limit. */
function expectLimit(error: AllotError, field: string, total: string): void {
  const why = `${total} would exceed ${MAX} credits`;
  expect(error).toMatchObject({ code: 'validation', issues: [{ path: field, message: why }] });
  expect(error.message).toContain(`${field}: ${why}`);
}

/** Every total stays within Number.MAX_SAFE_INTEGER, and the store holds such totals exactly. */
export function safeTotalsSuite(kit: SuiteContext): void {
  describe('totals within Number.MAX_SAFE_INTEGER', () => {
    it('three top-ups of 2^53 − 1: the first fills the pool, the others are refused and write nothing', async () => {
      const fx = await kit.org({ monthlyPool: 0 });
      const first = await ok(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: MAX }));
      expect(first).toMatchObject({ topUps: MAX, pool: MAX });
      const before = await fx.count();
      for (const idempotencyKey of [randomId('top-up'), randomId('top-up')]) {
        const error = await fails(
          fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: MAX, idempotencyKey }),
          'validation',
        );
        expectLimit(error, 'amount', 'the pool');
      }
      expect(await fx.count()).toBe(before);
      const stored = await fx.store.getOrganization({ orgId: fx.orgId });
      expect(stored).toMatchObject({ monthlyPool: 0, topUps: MAX, allocated: 0 });
      expect(await fx.journal({ type: ['top_up'] })).toMatchObject([{ amount: MAX }]);
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({ topUps: MAX, pool: MAX, allocated: 0, unallocated: MAX });
      expect(await checkInvariants(kit.store, fx.orgId)).toEqual([]);
    });

    it('allocates, uses and refunds 2^53 − 1 credits exactly', async () => {
      const fx = await kit.org({ monthlyPool: 0 });
      await ok(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: MAX }));
      const m = await fx.member({ allocation: MAX });
      expect(await fx.balance(m.userId)).toEqual({ allocated: MAX, used: 0, held: 0, remaining: MAX });
      const usage = await fx.consume(m.userId, MAX);
      expect(usage).toMatchObject({ amount: -MAX, balanceAfter: 0 });
      const refund = (amount: number) =>
        ok(
          fx.allot.refund({
            actor: fx.system,
            orgId: fx.orgId,
            usageId: usage.id,
            amount,
            idempotencyKey: randomId('refund'),
          }),
        );
      expect((await refund(MAX - 1)).refund).toMatchObject({ amount: MAX - 1, balanceAfter: MAX - 1 });
      expect((await refund(1)).refund).toMatchObject({ amount: 1, balanceAfter: MAX });
      expect(await fx.balance(m.userId)).toEqual({ allocated: MAX, used: 0, held: 0, remaining: MAX });
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({ pool: MAX, allocated: MAX, unallocated: 0, used: 0 });
      expect(await checkInvariants(kit.store, fx.orgId)).toEqual([]);
    });

    it('the monthly pool cannot be raised past the limit on top of this period’s top-ups', async () => {
      const fx = await kit.org({ monthlyPool: 100 });
      await ok(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: MAX - 100 }));
      const before = await fx.count();
      const error = await fails(
        fx.allot.updateSettings({ actor: fx.system, orgId: fx.orgId, monthlyPool: 101 }),
        'validation',
      );
      expectLimit(error, 'monthlyPool', 'the pool');
      expect(await fx.count()).toBe(before);
      expect(await fx.store.getOrganization({ orgId: fx.orgId })).toMatchObject({
        monthlyPool: 100,
        topUps: MAX - 100,
      });
      await ok(fx.allot.updateSettings({ actor: fx.system, orgId: fx.orgId, monthlyPool: 99 }));
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).pool).toBe(MAX - 1);
    });

    it('a full pool of 2^53 − 1 carries over a rollover exactly', async () => {
      const fx = await kit.org({ monthlyPool: MAX, rolloverPolicy: 'carry' });
      const a = await fx.member({ allocation: MAX - 1 });
      const b = await fx.member({ allocation: 1 });
      await fx.consume(a.userId, MAX - 2);
      await fails(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 1 }), 'validation');
      fx.clock.set('2026-04-02T00:00:00.000Z');
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({ pool: MAX, allocated: MAX, used: 0, unallocated: 0 });
      expect(await fx.balance(a.userId)).toEqual({
        allocated: MAX - 1,
        used: 0,
        held: 0,
        remaining: MAX - 1,
      });
      expect(await fx.balance(b.userId)).toEqual({ allocated: 1, used: 0, held: 0, remaining: 1 });
      expect(await checkInvariants(kit.store, fx.orgId)).toEqual([]);
    });
  });
}
