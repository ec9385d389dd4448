import { actors } from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { randomId, uniqueDomain } from '../harness/random';
import { fails, ok } from '../harness/results';

/** Idempotency keys: replay, conflict, and what a failure leaves behind. */
export function idempotencySuite(kit: SuiteContext): void {
  describe('idempotency', () => {
    it('consume with the same key and payload returns the identical result and writes nothing new', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const call = {
        actor: fx.system,
        orgId: fx.orgId,
        userId: m.userId,
        amount: 10,
        idempotencyKey: randomId('k'),
      };
      const first = await ok(fx.allot.consume(call));
      const before = await fx.count();
      fx.clock.advance(60_000);
      const again = await ok(fx.allot.consume(call));
      expect(again).toEqual(first);
      expect(await fx.count()).toBe(before);
      expect((await fx.memberState(m.userId)).used).toBe(10);
    });

    it('the same key with another payload is idempotency_conflict and writes nothing', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const key = randomId('k');
      await ok(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 10,
          idempotencyKey: key,
        }),
      );
      const before = await fx.count();
      const error = await fails(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 11,
          idempotencyKey: key,
        }),
        'idempotency_conflict',
      );
      expect(error.key).toBe(key);
      await fails(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 10,
          idempotencyKey: key,
          description: 'other',
        }),
        'idempotency_conflict',
      );
      expect(await fx.count()).toBe(before);
    });

    it('the same key on a different command is idempotency_conflict', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const key = randomId('k');
      const { usage } = await ok(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 10,
          idempotencyKey: key,
        }),
      );
      await fails(
        fx.allot.refund({ actor: fx.system, orgId: fx.orgId, usageId: usage.id, idempotencyKey: key }),
        'idempotency_conflict',
      );
      await fails(
        fx.allot.assign({
          actor: fx.admin,
          orgId: fx.orgId,
          userId: m.userId,
          total: 50,
          idempotencyKey: key,
        }),
        'idempotency_conflict',
      );
      expect((await fx.memberState(m.userId)).allocated).toBe(100);
    });

    it('a failed command is not remembered: retrying with the same key runs afresh', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 5 });
      const call = {
        actor: fx.system,
        orgId: fx.orgId,
        userId: m.userId,
        amount: 10,
        idempotencyKey: randomId('k'),
      };
      await fails(fx.allot.consume(call), 'insufficient_credits');
      await ok(fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 20 }));
      const retried = await ok(fx.allot.consume(call));
      expect(retried.member).toMatchObject({ used: 10, remaining: 10 });
      const again = await ok(fx.allot.consume(call));
      expect(again).toEqual(retried);
      expect(await fx.journal({ userId: m.userId, type: ['usage'] })).toHaveLength(1);
    });

    it('a refund replayed with its key returns the first refund and refunds once', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const usage = await fx.consume(m.userId, 40);
      const call = {
        actor: fx.system,
        orgId: fx.orgId,
        usageId: usage.id,
        amount: 15,
        idempotencyKey: randomId('k'),
      };
      const first = await ok(fx.allot.refund(call));
      const again = await ok(fx.allot.refund(call));
      expect(again).toEqual(first);
      expect(await fx.store.sumRefunds({ orgId: fx.orgId, usageId: usage.id })).toBe(15);
    });

    it('a replayed assign returns the first result and does not apply it again', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const call = {
        actor: fx.admin,
        orgId: fx.orgId,
        userId: m.userId,
        total: 100,
        idempotencyKey: randomId('k'),
      };
      const first = await ok(fx.allot.assign(call));
      await ok(fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 40 }));
      const replay = await ok(fx.allot.assign(call));
      expect(replay).toEqual(first);
      expect((await fx.memberState(m.userId)).allocated).toBe(40);
    });

    it('a replayed request submission returns the same request and opens only one', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const call = {
        actor: m.actor,
        orgId: fx.orgId,
        amount: 30,
        message: 'Please',
        idempotencyKey: randomId('k'),
      };
      const first = await ok(fx.allot.submitRequest(call));
      const again = await ok(fx.allot.submitRequest(call));
      expect(again).toEqual(first);
      expect((await ok(fx.allot.requests({ actor: fx.admin, orgId: fx.orgId }))).items).toHaveLength(1);
    });

    it('a replayed approval returns the first approval instead of request_not_pending', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const request = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 30 }));
      const call = { actor: fx.admin, orgId: fx.orgId, requestId: request.id, idempotencyKey: randomId('k') };
      const first = await ok(fx.allot.approveRequest(call));
      const again = await ok(fx.allot.approveRequest(call));
      expect(again).toEqual(first);
      expect((await fx.memberState(m.userId)).allocated).toBe(30);
      const { idempotencyKey: _key, ...withoutKey } = call;
      await fails(fx.allot.approveRequest(withoutKey), 'request_not_pending');
    });

    it('a replayed organization creation returns the same organization and creates one', async () => {
      const { allot } = kit.allot();
      const domain = uniqueDomain();
      const call = {
        actor: actors.system(),
        name: 'Once',
        domains: [domain],
        monthlyPool: 10,
        admins: [{ userId: randomId('admin'), email: `a@${domain}`, name: 'A' }],
        idempotencyKey: randomId('create'),
      };
      const first = await ok(allot.createOrganization(call));
      kit.track(first.id);
      const again = await ok(allot.createOrganization(call));
      expect(again).toEqual(first);
      const match = await kit.store.findOrganizationByDomain({ domain });
      expect(match?.id).toBe(first.id);
    });

    it('a replayed enrollment returns the first outcome', async () => {
      const fx = await kit.org({ defaultAllocation: 5 });
      const call = {
        actor: fx.system,
        userId: randomId('user'),
        email: `x@${fx.domain}`,
        name: 'X',
        idempotencyKey: randomId('k'),
      };
      const first = await ok(fx.allot.enroll(call));
      const before = await fx.count();
      const again = await ok(fx.allot.enroll(call));
      expect(again).toEqual(first);
      expect(again.outcome).toBe('enrolled');
      expect(await fx.count()).toBe(before);
    });

    it('keys are scoped to their organization: the same key works once in each', async () => {
      const a = await kit.org();
      const b = await kit.org();
      const ma = await a.member({ allocation: 10 });
      const mb = await b.member({ allocation: 10 });
      const key = randomId('shared');
      await ok(
        a.allot.consume({
          actor: a.system,
          orgId: a.orgId,
          userId: ma.userId,
          amount: 3,
          idempotencyKey: key,
        }),
      );
      const other = await ok(
        b.allot.consume({
          actor: b.system,
          orgId: b.orgId,
          userId: mb.userId,
          amount: 4,
          idempotencyKey: key,
        }),
      );
      expect(other.member.used).toBe(4);
      expect((await a.memberState(ma.userId)).used).toBe(3);
    });

    it('the key is written on the entries of the command that used it', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 10 });
      const key = randomId('k');
      const { usage } = await ok(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 1,
          idempotencyKey: key,
        }),
      );
      expect(usage.idempotencyKey).toBe(key);
      const removeKey = randomId('rm');
      await ok(
        fx.allot.removeMember({
          actor: fx.admin,
          orgId: fx.orgId,
          userId: m.userId,
          idempotencyKey: removeKey,
        }),
      );
      const [removed, revoked] = await fx.journal({ userId: m.userId });
      expect([removed?.idempotencyKey, revoked?.idempotencyKey]).toEqual([removeKey, removeKey]);
    });
  });
}
