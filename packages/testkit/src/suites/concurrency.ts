import { actors } from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { randomId, uniqueDomain } from '../harness/random';
import { codes, ok, settle } from '../harness/results';

/** Commands racing each other never break a rule. */
export function concurrencySuite(kit: SuiteContext): void {
  describe('concurrency', () => {
    it('200 concurrent consumes of 1 on 100 remaining: exactly 100 succeed, 100 are insufficient_credits', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const results = await Promise.all(
        Array.from({ length: 200 }, () =>
          settle(
            fx.allot.consume({
              actor: fx.system,
              orgId: fx.orgId,
              userId: m.userId,
              amount: 1,
              idempotencyKey: randomId(),
            }),
          ),
        ),
      );
      expect(codes(results)).toEqual({ ok: 100, insufficient_credits: 100 });
      expect(await fx.memberState(m.userId)).toEqual({ allocated: 100, used: 100, remaining: 0 });
      expect(await fx.journal({ userId: m.userId, type: ['usage'] })).toHaveLength(100);
    });

    it('50 concurrent consumes with one idempotency key: one journal entry and 50 identical results', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const call = {
        actor: fx.system,
        orgId: fx.orgId,
        userId: m.userId,
        amount: 7,
        idempotencyKey: randomId('one'),
      };
      const results = await Promise.all(Array.from({ length: 50 }, () => ok(fx.allot.consume(call))));
      for (const result of results) expect(result).toEqual(results[0]);
      expect(await fx.journal({ userId: m.userId, type: ['usage'] })).toHaveLength(1);
      expect((await fx.memberState(m.userId)).used).toBe(7);
    });

    it('retries racing a first attempt that drains the balance replay its success, never insufficient_credits', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 7 });
      const call = {
        actor: fx.system,
        orgId: fx.orgId,
        userId: m.userId,
        amount: 7,
        idempotencyKey: randomId('drain'),
      };
      const results = await Promise.all(Array.from({ length: 10 }, () => settle(fx.allot.consume(call))));
      expect(codes(results)).toEqual({ ok: 10 });
      expect(await fx.journal({ userId: m.userId, type: ['usage'] })).toHaveLength(1);
      expect(await fx.memberState(m.userId)).toEqual({ allocated: 7, used: 7, remaining: 0 });
    });

    it('concurrent consumes on different members all succeed', async () => {
      const fx = await kit.org({ monthlyPool: 10_000 });
      const members = [];
      for (let i = 0; i < 20; i++) members.push(await fx.member({ allocation: 50 }));
      const results = await Promise.all(
        members.flatMap((m) =>
          Array.from({ length: 5 }, () =>
            settle(
              fx.allot.consume({
                actor: fx.system,
                orgId: fx.orgId,
                userId: m.userId,
                amount: 10,
                idempotencyKey: randomId(),
              }),
            ),
          ),
        ),
      );
      expect(codes(results)).toEqual({ ok: 100 });
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview.used).toBe(1000);
    });

    it('concurrent assigns to many members never push Σ allocated past the pool', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const members = [];
      for (let i = 0; i < 25; i++) members.push(await fx.member());
      const results = await Promise.all(
        members.map((m) =>
          settle(fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 100 })),
        ),
      );
      expect(codes(results)).toEqual({ ok: 10, insufficient_pool: 15 });
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({ allocated: 1000, unallocated: 0 });
    });

    it('concurrent approvals of the same request: exactly one succeeds', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const request = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 40 }));
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          settle(fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId: request.id })),
        ),
      );
      expect(codes(results)).toEqual({ ok: 1, request_not_pending: 9 });
      expect((await fx.memberState(m.userId)).allocated).toBe(40);
    });

    it('concurrent approvals of different requests never exceed the pool', async () => {
      const fx = await kit.org({ monthlyPool: 100 });
      const requests = [];
      for (let i = 0; i < 8; i++) {
        const m = await fx.member();
        requests.push(await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 30 })));
      }
      const results = await Promise.all(
        requests.map((r) =>
          settle(fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId: r.id })),
        ),
      );
      expect(codes(results)).toEqual({ ok: 3, insufficient_pool: 5 });
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).pendingRequests).toBe(5);
    });

    it('concurrent refunds of one usage never refund more than it used', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const usage = await fx.consume(m.userId, 10);
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          settle(
            fx.allot.refund({
              actor: fx.system,
              orgId: fx.orgId,
              usageId: usage.id,
              amount: 1,
              idempotencyKey: randomId(),
            }),
          ),
        ),
      );
      expect(codes(results)).toEqual({ ok: 10, conflict: 10 });
      expect(await fx.store.sumRefunds({ orgId: fx.orgId, usageId: usage.id })).toBe(10);
    });

    it('concurrent revokes and consumes on one member never overdraw it', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const calls = Array.from({ length: 60 }, (_, i) =>
        i % 3 === 0
          ? settle(fx.allot.revoke({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, amount: 5 }))
          : settle(
              fx.allot.consume({
                actor: fx.system,
                orgId: fx.orgId,
                userId: m.userId,
                amount: 3,
                idempotencyKey: randomId(),
              }),
            ),
      );
      const results = await Promise.all(calls);
      const state = await fx.memberState(m.userId);
      expect(state.remaining).toBeGreaterThanOrEqual(0);
      expect(state.allocated).toBe(100 - 5 * results.filter((r, i) => r.ok && i % 3 === 0).length);
      expect(state.used).toBe(3 * results.filter((r, i) => r.ok && i % 3 !== 0).length);
      expect(results.every((r) => r.ok || r.error.code === 'insufficient_credits')).toBe(true);
    });

    it('concurrent enrollments of the same sign-up create one member', async () => {
      const fx = await kit.org({ defaultAllocation: 10 });
      const call = { actor: fx.system, userId: randomId('user'), email: `dup@${fx.domain}`, name: 'Dup' };
      const results = await Promise.all(Array.from({ length: 10 }, () => ok(fx.allot.enroll(call))));
      expect(results.filter((r) => r.outcome === 'enrolled')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'already_member')).toHaveLength(9);
      expect((await fx.memberState(call.userId)).allocated).toBe(10);
    });

    it('concurrent first calls of a new period roll it over exactly once', async () => {
      const fx = await kit.org();
      const members = [];
      for (let i = 0; i < 10; i++) members.push(await fx.member({ allocation: 20 }));
      for (const m of members) await fx.consume(m.userId, 20);
      fx.clock.set('2026-04-02T00:00:00.000Z');
      const results = await Promise.all([
        ...members.map((m) =>
          settle(
            fx.allot.consume({
              actor: fx.system,
              orgId: fx.orgId,
              userId: m.userId,
              amount: 5,
              idempotencyKey: randomId(),
            }),
          ),
        ),
        settle(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId })),
        settle(fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: members[0]!.userId, total: 30 })),
      ]);
      expect(codes(results)).toEqual({ ok: 12 });
      expect(await fx.journal({ type: ['period_started'] })).toHaveLength(1);
      for (const m of members)
        expect(await fx.journal({ userId: m.userId, type: ['rollover'] })).toHaveLength(1);
    });

    it('concurrent organizations claiming the same domain: exactly one gets it', async () => {
      const domain = uniqueDomain();
      const { allot } = kit.allot();
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          settle(
            allot.createOrganization({
              actor: actors.system(),
              id: randomId('org'),
              name: 'Race',
              domains: [domain],
              monthlyPool: 10,
              admins: [{ userId: randomId('admin'), email: `a@${domain}`, name: 'A' }],
            }),
          ),
        ),
      );
      for (const r of results) if (r.ok) kit.track(r.value.id);
      expect(codes(results)).toEqual({ ok: 1, conflict: 4 });
      const winner = results.find((r) => r.ok);
      const owner = await kit.store.findOrganizationByDomain({ domain });
      expect(owner?.id).toBe(winner?.ok ? winner.value.id : undefined);
    });
  });
}
