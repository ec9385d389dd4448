import { createAllot } from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { lossyCommits } from '../harness/lossy-commits';
import type { OrgFixture } from '../harness/org-fixture';
import { randomId } from '../harness/random';
import { fails, ok } from '../harness/results';

/** An Allot over the fixture's store whose next transactions lose their commit's answer as planned. */
function lossyAllot(fx: OrgFixture) {
  const lossy = lossyCommits(fx.store);
  return { allot: createAllot({ store: lossy.store, clock: fx.clock.now, events: false }), plan: lossy.plan };
}

/**
 * A commit whose answer was lost (the store threw CommitOutcomeUnknown) is resolved by the
 * service: the real result, never the effect twice, and `outcome_unknown` only when it cannot tell.
 */
export function commitOutcomesSuite(kit: SuiteContext): void {
  describe('commit outcomes', () => {
    it('an unkeyed top-up that committed but lost its answer returns its result, applied once', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const { allot, plan } = lossyAllot(fx);
      plan('after');
      const result = await ok(allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 300 }));
      expect(result).toMatchObject({ topUps: 300, pool: 1300 });
      expect(await fx.journal({ type: ['top_up'] })).toEqual([result.entry]);
      expect(result.entry.idempotencyKey ?? null).toBeNull(); // the internal record key is not the caller's
    });

    it('an unkeyed command whose COMMIT never arrived runs once on the retry', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const m = await fx.member();
      const { allot, plan } = lossyAllot(fx);
      plan('before', 'after');
      const assigned = await ok(
        allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 400 }),
      );
      expect(assigned.member.allocated).toBe(400);
      const entries = await fx.journal({ type: ['allocation'] });
      expect(entries.filter((e) => e.userId === m.userId).map((e) => e.amount)).toEqual([400]);
    });

    it('a batch that lost its answer replays each event once its commit is found, charging once', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const { allot, plan } = lossyAllot(fx);
      plan('after', 'before', 'after');
      const events = [
        { userId: m.userId, amount: 30, idempotencyKey: randomId('k') },
        { userId: m.userId, amount: 80, idempotencyKey: randomId('k') }, // refused: 70 left
        { userId: m.userId, amount: 20, idempotencyKey: randomId('k') },
      ];
      const { results } = await ok(allot.consumeMany({ actor: fx.system, orgId: fx.orgId, events }));
      expect(results.map((r) => (r.ok ? r.usage.amount : r.error.code))).toEqual([
        -30,
        'insufficient_credits',
        -20,
      ]);
      expect(await fx.journal({ type: ['usage'] })).toHaveLength(2);
      expect((await fx.memberState(m.userId)).used).toBe(50);
      const again = await ok(fx.allot.consumeMany({ actor: fx.system, orgId: fx.orgId, events }));
      expect([again.results[0], again.results[2]]).toEqual([results[0], results[2]]);
    });

    it('a keyed consume that lost its answer replays its first result and charges once', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const { allot, plan } = lossyAllot(fx);
      plan('after', 'after');
      const call = {
        actor: fx.system,
        orgId: fx.orgId,
        userId: m.userId,
        amount: 30,
        idempotencyKey: randomId('k'),
      };
      const used = await ok(allot.consume(call));
      expect(used.usage.amount).toBe(-30);
      expect((await fx.memberState(m.userId)).used).toBe(30);
      expect(await ok(fx.allot.consume(call))).toEqual(used);
    });

    it('a refusal on the retry is the real answer: the lost attempt did not commit', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      await fx.consume(m.userId, 80);
      const { allot, plan } = lossyAllot(fx);
      plan('before');
      await fails(
        allot.revoke({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, amount: 50 }),
        'insufficient_credits',
      );
      expect((await fx.memberState(m.userId)).allocated).toBe(100);
    });

    it('when the store stays down after a lost commit the answer is outcome_unknown, never "nothing was written"', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const { allot, plan } = lossyAllot(fx);
      plan('after', 'down', 'down', 'down', 'down', 'down');
      const error = await fails(
        allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 200 }),
        'outcome_unknown',
      );
      expect(error.message).not.toMatch(/wrote nothing|nothing was written/);
      expect(error.message).toContain('same idempotency key');
      expect(await fx.journal({ type: ['top_up'] })).toHaveLength(1); // it had committed
    }, 20_000);

    it('a plain store failure is store_unavailable, wrote nothing, and is not retried', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const { allot, plan } = lossyAllot(fx);
      plan('down');
      const error = await fails(
        allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 200 }),
        'store_unavailable',
      );
      expect(error.message).toContain('wrote nothing');
      expect(await fx.journal({ type: ['top_up'] })).toHaveLength(0);
      expect(await ok(allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 200 }))).toMatchObject({
        topUps: 200,
      });
    });
  });
}
