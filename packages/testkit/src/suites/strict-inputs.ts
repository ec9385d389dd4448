import type { Allot } from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { OPERATIONS, prepareTargets } from '../harness/operations';
import type { OrgFixture } from '../harness/org-fixture';
import { type Call, fails, ok } from '../harness/results';

/** `allot` whose every method gets `extra`'s own keys (`__proto__` too) added to its input. */
function withExtraKeys(allot: Allot, extra: object): Allot {
  return new Proxy(allot, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      // Spreading copies own keys as own keys, so JSON.parse's own `__proto__` stays one.
      return (input: object) => value.call(target, { ...input, ...extra });
    },
  });
}

/** Expects `validation` naming exactly `paths`, and the organization's journal untouched. */
async function refused(fx: OrgFixture, call: Call<unknown>, paths: string[], before: number) {
  const error = await fails(call, 'validation');
  expect(error.issues.map((i) => i.path).sort()).toEqual([...paths].sort());
  expect(await fx.count()).toBe(before);
  return error;
}

/** Unknown keys and prototype keys in any input: `validation` naming the path, nothing written. */
export function strictInputsSuite(kit: SuiteContext): void {
  describe('strict inputs', () => {
    it('assign with a misspelt key is validation naming it, and writes nothing', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 10 });
      const before = await fx.count();
      const call = { actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 5, totl: 6 };
      const error = await refused(fx, fx.allot.assign(call), ['totl'], before);
      expect(error.issues[0]).toMatchObject({ code: 'unrecognized_keys' });
      expect(error.message).toContain('totl');
      expect((await fx.memberState(m.userId)).allocated).toBe(10);
    });

    it.each(OPERATIONS.map((op) => [op.name, op] as const))(
      '%s refuses an unknown key, naming it, and writes nothing',
      async (_name, op) => {
        const fx = await kit.org();
        const t = await prepareTargets(fx);
        const before = await fx.count();
        const extended = withExtraKeys(fx.allot, { typo: 1 });
        await refused(fx, op.call(extended, fx.system, t), ['typo'], before);
      },
    );

    it.each(['__proto__', 'constructor', 'prototype'])(
      'every method refuses a top-level %s key (as JSON.parse makes it), and writes nothing',
      async (key) => {
        const fx = await kit.org();
        const t = await prepareTargets(fx);
        const before = await fx.count();
        const extended = withExtraKeys(fx.allot, JSON.parse(`{"${key}":{"admin":true}}`));
        for (const op of OPERATIONS) {
          const error = await fails(op.call(extended, fx.system, t), 'validation');
          expect(error.issues, op.name).toEqual([
            { path: key, message: expect.any(String), code: 'forbidden_key' },
          ]);
        }
        expect(await fx.count()).toBe(before);
      },
    );

    describe('metadata', () => {
      const usage = (fx: OrgFixture, userId: string, metadata: unknown) =>
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId,
          amount: 1,
          idempotencyKey: `meta-${Math.random()}`,
          metadata: metadata as Record<string, string>,
        });

      it.each([
        ['JSON.parse', () => JSON.parse('{"jobId":"j-1","__proto__":"x"}')],
        ['JSON.parse, an object value', () => JSON.parse('{"__proto__":{"admin":true}}')],
        ['a computed key', () => ({ jobId: 'j-1', ['__proto__']: 'x' })],
        [
          'Object.defineProperty, enumerable',
          () => Object.defineProperty({ jobId: 'j-1' }, '__proto__', { value: 'x', enumerable: true }),
        ],
        [
          'Object.defineProperty, hidden',
          () => Object.defineProperty({ jobId: 'j-1' }, '__proto__', { value: 'x' }),
        ],
      ])(
        'a nested __proto__ (%s) is validation on metadata.__proto__, nothing written',
        async (_how, make) => {
          const fx = await kit.org();
          const m = await fx.member({ allocation: 10 });
          const before = await fx.count();
          await refused(fx, usage(fx, m.userId, make()), ['metadata.__proto__'], before);
          expect((await fx.memberState(m.userId)).used).toBe(0);
        },
      );

      it('constructor and prototype keys in metadata are refused, each named', async () => {
        const fx = await kit.org();
        const m = await fx.member({ allocation: 10 });
        const before = await fx.count();
        const metadata = { jobId: 'j-1', constructor: 'x', prototype: 1 };
        await refused(
          fx,
          usage(fx, m.userId, metadata),
          ['metadata.constructor', 'metadata.prototype'],
          before,
        );
      });

      it('reserve refuses them too', async () => {
        const fx = await kit.org();
        const m = await fx.member({ allocation: 10 });
        const before = await fx.count();
        const call = fx.allot.reserve({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 1,
          idempotencyKey: 'hold-proto',
          metadata: JSON.parse('{"__proto__":"x"}'),
        });
        await refused(fx, call, ['metadata.__proto__'], before);
        expect(await ok(fx.allot.holds({ actor: fx.admin, orgId: fx.orgId, status: 'all' }))).toMatchObject({
          items: [],
        });
      });
    });

    it('unknown keys in nested objects are named by their full path', async () => {
      const fx = await kit.org();
      const before = await fx.count();
      const settings = fx.allot.updateSettings({
        actor: fx.system,
        orgId: fx.orgId,
        thresholds: { yellow: 60, red: 80, orange: 70 } as { yellow: number; red: number },
        memberAlerts: { remainingBelow: 5, remainingBelowPercent: null, daily: true } as {
          remainingBelow: number;
          remainingBelowPercent: null;
        },
      });
      await refused(fx, settings, ['memberAlerts.daily', 'thresholds.orange'], before);
      expect((await ok(fx.allot.getSettings({ actor: fx.admin, orgId: fx.orgId }))).thresholds).toEqual({
        yellow: 70,
        red: 90,
      });
      const admins = [{ userId: 'a', email: 'a@example.com', name: 'A', role: 'admin' }];
      const created = fx.allot.createOrganization({
        actor: fx.system,
        id: `${fx.orgId}-copy`,
        name: 'Copy',
        monthlyPool: 1,
        admins: admins as { userId: string; email: string; name: string }[],
      });
      await refused(fx, created, ['admins.0.role'], before);
      expect(await kit.store.getOrganization({ orgId: `${fx.orgId}-copy` })).toBeNull();
      const filter = { userId: fx.adminId, kind: 'usage' } as { userId: string };
      await refused(
        fx,
        fx.allot.ledger({ actor: fx.admin, orgId: fx.orgId, filter }),
        ['filter.kind'],
        before,
      );
    });

    it('an unknown key in the actor is named under actor', async () => {
      const fx = await kit.org();
      // Not a literal at the call, so TypeScript lets the extra key through, as data from outside would.
      const actor = { type: 'user' as const, orgId: fx.orgId, userId: fx.adminId, role: 'admin' };
      const error = await fails(fx.allot.overview({ actor, orgId: fx.orgId }), 'validation');
      expect(error.issues.map((i) => i.path)).toEqual(['actor.role']);
    });

    it('a deeply nested or cyclic input is validation, not a throw', async () => {
      const fx = await kit.org();
      let deep: Record<string, unknown> = {};
      for (let i = 0; i < 100_000; i++) deep = { next: deep };
      const nested = fx.allot.overview({ actor: fx.admin, orgId: fx.orgId, deep } as never);
      expect((await fails(nested, 'validation')).issues.map((i) => i.path)).toEqual(['deep']);
      const cyclic: Record<string, unknown> = { jobId: 'j' };
      cyclic.self = cyclic;
      const m = await fx.member({ allocation: 10 });
      const call = fx.allot.consume({
        actor: fx.system,
        orgId: fx.orgId,
        userId: m.userId,
        amount: 1,
        idempotencyKey: 'cyclic',
        metadata: cyclic as Record<string, string>,
      });
      expect((await fails(call, 'validation')).issues.map((i) => i.path)).toEqual(['metadata.self']);
    });
  });
}
