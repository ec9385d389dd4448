import { actors, MAX_BATCH_EVENTS, type UsageEvent, type UsageEventOutcome } from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import type { OrgFixture } from '../harness/org-fixture';
import { randomId } from '../harness/random';
import { codes, fails, ok, settle } from '../harness/results';

/** Each outcome as `ok` or its error code. */
const outcomes = (results: UsageEventOutcome[]) => results.map((r) => (r.ok ? 'ok' : r.error.code));

/** A batch of the organization's events, by the system actor. */
const batch = (fx: OrgFixture, events: UsageEvent[]) =>
  fx.allot.consumeMany({ actor: fx.system, orgId: fx.orgId, events });

const event = (userId: string, amount: number, idempotencyKey = randomId('evt')): UsageEvent => ({
  userId,
  amount,
  idempotencyKey,
});

/** consumeMany: a batch of usage events in one transaction, each its own consume. */
export function batchUsageSuite(kit: SuiteContext): void {
  describe('batch usage (consumeMany)', () => {
    it('gives each event its own result: the usage entry and the member after it, as consume does', async () => {
      const fx = await kit.org();
      const bob = await fx.member({ allocation: 100 });
      const cy = await fx.member({ allocation: 50 });
      const events: UsageEvent[] = [
        { ...event(bob.userId, 30), description: 'Render', metadata: { job: 'j-1', pages: 3 } },
        event(cy.userId, 20),
        event(bob.userId, 5),
      ];
      const { results } = await ok(batch(fx, events));
      expect(outcomes(results)).toEqual(['ok', 'ok', 'ok']);
      const [first, second, third] = results;
      if (!first?.ok || !second?.ok || !third?.ok) throw new Error('expected three successes');
      expect(first).toMatchObject({
        idempotencyKey: events[0]?.idempotencyKey,
        usage: {
          type: 'usage',
          userId: bob.userId,
          amount: -30,
          balanceAfter: 70,
          description: 'Render',
          metadata: { job: 'j-1', pages: 3 },
          idempotencyKey: events[0]?.idempotencyKey,
          actor: 'system',
        },
        member: { userId: bob.userId, used: 30, remaining: 70 },
      });
      expect(second).toMatchObject({ usage: { amount: -20, description: '' }, member: { remaining: 30 } });
      expect(third).toMatchObject({ usage: { amount: -5, balanceAfter: 65 }, member: { remaining: 65 } });
      for (const r of [first, second, third]) {
        expect(await fx.store.getJournalEntry({ orgId: fx.orgId, entryId: r.usage.id })).toEqual(r.usage);
      }
      expect(await fx.memberState(bob.userId)).toEqual({ allocated: 100, used: 35, remaining: 65 });
      expect(await fx.memberState(cy.userId)).toEqual({ allocated: 50, used: 20, remaining: 30 });
    });

    it('a member short of credits refuses only that event; the other members’ go through', async () => {
      const fx = await kit.org();
      const bob = await fx.member({ allocation: 100 });
      const cy = await fx.member({ allocation: 10 });
      const ghost = randomId('ghost');
      const before = await fx.count();
      const { results } = await ok(
        batch(fx, [
          event(bob.userId, 30),
          event(cy.userId, 20),
          event(ghost, 1),
          event(bob.userId, 40),
          event(cy.userId, 5),
        ]),
      );
      expect(outcomes(results)).toEqual(['ok', 'insufficient_credits', 'not_found', 'ok', 'ok']);
      const refused = results[1];
      expect(refused?.ok === false && refused.error).toMatchObject({ requested: 20, available: 10 });
      expect(await fx.count()).toBe(before + 3);
      expect(await fx.memberState(bob.userId)).toMatchObject({ used: 70, remaining: 30 });
      expect(await fx.memberState(cy.userId)).toMatchObject({ used: 5, remaining: 5 });
    });

    it('a member’s later events see what the earlier ones spent, in the order given', async () => {
      const fx = await kit.org();
      const bob = await fx.member({ allocation: 100 });
      const { results } = await ok(
        batch(fx, [
          event(bob.userId, 60),
          event(bob.userId, 50),
          event(bob.userId, 40),
          event(bob.userId, 1),
        ]),
      );
      expect(outcomes(results)).toEqual(['ok', 'insufficient_credits', 'ok', 'insufficient_credits']);
      expect(
        results.map((r) =>
          r.ok ? r.usage.balanceAfter : r.error.code === 'insufficient_credits' && r.error.available,
        ),
      ).toEqual([40, 40, 0, 0]);
      const entries = await fx.journal({ userId: bob.userId, type: ['usage'] });
      expect(entries.map((e) => e.amount).reverse()).toEqual([-60, -40]);
      const [later, earlier] = entries;
      expect((later?.seq ?? 0) - (earlier?.seq ?? 0)).toBe(1);
    });

    it('a replayed batch replays each success and writes nothing; refused events are decided afresh', async () => {
      const fx = await kit.org();
      const bob = await fx.member({ allocation: 100 });
      const events = [event(bob.userId, 70), event(bob.userId, 50), event(bob.userId, 30)];
      const first = await ok(batch(fx, events));
      expect(outcomes(first.results)).toEqual(['ok', 'insufficient_credits', 'ok']);
      const count = await fx.count();

      // The refused event is decided again on the member as it is now (the others' effects included).
      const again = await ok(batch(fx, events));
      expect(again.results[0]).toEqual(first.results[0]);
      expect(again.results[2]).toEqual(first.results[2]);
      expect(again.results[1]).toMatchObject({
        ok: false,
        error: { code: 'insufficient_credits', available: 0 },
      });
      expect(await fx.count()).toBe(count);
      expect((await fx.memberState(bob.userId)).used).toBe(100);

      // Refusals are not remembered (as for consume): with credits added, the refused event runs.
      await ok(fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: bob.userId, total: 150 }));
      const third = await ok(batch(fx, events));
      expect(outcomes(third.results)).toEqual(['ok', 'ok', 'ok']);
      expect(third.results[0]).toEqual(first.results[0]);
      expect(third.results[2]).toEqual(first.results[2]);
      expect(await fx.count()).toBe(count + 2); // the allocation and the one new usage
      expect((await fx.memberState(bob.userId)).used).toBe(150);
    });

    it('shares keys with consume: an earlier consume replays in a batch, another payload is that event’s conflict', async () => {
      const fx = await kit.org();
      const bob = await fx.member({ allocation: 100 });
      const single = await ok(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: bob.userId,
          amount: 10,
          idempotencyKey: 'job-1',
          description: 'Render',
        }),
      );
      await ok(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 1, idempotencyKey: 'top-1' }));
      const count = await fx.count();
      const { results } = await ok(
        batch(fx, [
          { ...event(bob.userId, 10, 'job-1'), description: 'Render' },
          event(bob.userId, 10, 'top-1'),
          event(bob.userId, 11, 'job-2'),
        ]),
      );
      expect(results[0]).toEqual({ ok: true, idempotencyKey: 'job-1', ...single });
      expect(outcomes(results)).toEqual(['ok', 'idempotency_conflict', 'ok']);
      const conflict = results[1];
      expect(conflict?.ok === false && conflict.error).toMatchObject({ key: 'top-1' });
      expect(await fx.count()).toBe(count + 1);

      // …and the other way round: a consume with a key a batch used replays that event.
      const fromBatch = results[2];
      if (!fromBatch?.ok) throw new Error('expected job-2 to succeed');
      const replayed = await ok(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: bob.userId,
          amount: 11,
          idempotencyKey: 'job-2',
        }),
      );
      expect(replayed).toEqual({ usage: fromBatch.usage, member: fromBatch.member });
      await fails(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: bob.userId,
          amount: 12,
          idempotencyKey: 'job-2',
        }),
        'idempotency_conflict',
      );
      expect((await fx.memberState(bob.userId)).used).toBe(21);
    });

    it('an empty batch answers no results and writes nothing', async () => {
      const fx = await kit.org();
      const before = await fx.count();
      expect(await ok(batch(fx, []))).toEqual({ results: [] });
      expect(await fx.count()).toBe(before);
    });

    it('rolls an ended period over first, then spends in the new period', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const bob = await fx.member({ allocation: 100 });
      await fx.consume(bob.userId, 80);
      fx.clock.advance(40 * 24 * 3600 * 1000);
      const { results } = await ok(batch(fx, [event(bob.userId, 60), event(bob.userId, 50)]));
      expect(outcomes(results)).toEqual(['ok', 'insufficient_credits']);
      expect(await fx.memberState(bob.userId)).toEqual({ allocated: 100, used: 60, remaining: 40 });
    });

    it('several batches and single consumes on the same members at once never overspend', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const members = [];
      for (let i = 0; i < 4; i++) members.push(await fx.member({ allocation: 60 }));
      const ids = members.map((m) => m.userId);
      const pick = (i: number) => ids[i % ids.length] as string;
      const batches = Array.from({ length: 12 }, (_, b) =>
        // Each batch names the members in another order, some twice.
        Array.from({ length: 6 }, (_, i) => event(pick(b * 7 + i * 3), 1 + ((b + i) % 9))),
      );
      const singles = Array.from({ length: 24 }, (_, i) => event(pick(i), 4));
      // A batch sent twice at once, and a single consume racing its own key in a batch.
      const twice = batches[0] as UsageEvent[];
      const racing = singles[0] as UsageEvent;
      const [batchResults, singleResults] = await Promise.all([
        Promise.all([...batches, twice, [racing]].map((events) => ok(batch(fx, events)))),
        Promise.all(
          singles.map((e) => settle(fx.allot.consume({ actor: fx.system, orgId: fx.orgId, ...e }))),
        ),
      ]);
      // The batch sent twice: the same outcomes, each success the same (a refusal may see less left).
      const [once, again] = [batchResults[0]?.results ?? [], batchResults[batches.length]?.results ?? []];
      expect(outcomes(again)).toEqual(outcomes(once));
      expect(again.filter((r) => r.ok)).toEqual(once.filter((r) => r.ok));
      const single0 = singleResults[0];
      const raced = batchResults.at(-1)?.results[0];
      if (single0?.ok && raced?.ok)
        expect({ usage: raced.usage, member: raced.member }).toEqual(single0.value);
      expect(single0?.ok).toBe(raced?.ok);

      // Every success is one usage entry; every member's used is what its successes spent.
      const spent = new Map<string, number>();
      const usageIds = new Set<string>();
      const tally = (userId: string, usage: { id: string; amount: number }) => {
        if (usageIds.has(usage.id)) return;
        usageIds.add(usage.id);
        spent.set(userId, (spent.get(userId) ?? 0) - usage.amount);
      };
      for (const { results } of batchResults)
        for (const r of results) if (r.ok) tally(r.member.userId, r.usage);
      for (const r of singleResults) if (r.ok) tally(r.value.member.userId, r.value.usage);
      const refusals = codes([
        ...batchResults.flatMap((b) =>
          b.results.map((r) => (r.ok ? { ok: true } : { ok: false, error: r.error })),
        ),
        ...singleResults,
      ]);
      expect(Object.keys(refusals).filter((c) => c !== 'ok' && c !== 'insufficient_credits')).toEqual([]);
      expect(refusals.insufficient_credits ?? 0).toBeGreaterThan(0);
      expect(await fx.journal({ type: ['usage'] })).toHaveLength(usageIds.size);
      for (const userId of ids) {
        const state = await fx.memberState(userId);
        expect(state.used).toBe(spent.get(userId) ?? 0);
        expect(state.used).toBeLessThanOrEqual(60);
      }
    });

    it(`a full batch of ${MAX_BATCH_EVENTS} events is one call; sent again it replays all of them`, async () => {
      const fx = await kit.org({ monthlyPool: 10_000 });
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await fx.member({ allocation: 400 })).userId);
      const events = Array.from({ length: MAX_BATCH_EVENTS }, (_, i) => event(ids[i % 3] as string, 1));
      const first = await ok(batch(fx, events));
      // 334 + 333 + 333 events of 1 on 400 each: all succeed.
      expect(codes(first.results.map((r) => (r.ok ? { ok: true } : { ok: false, error: r.error })))).toEqual({
        ok: MAX_BATCH_EVENTS,
      });
      const count = await fx.count();
      const again = await ok(batch(fx, events));
      expect(again).toEqual(first);
      expect(await fx.count()).toBe(count);
      expect((await fx.memberState(ids[0] as string)).used).toBe(334);
    }, 60_000);

    it(`more than ${MAX_BATCH_EVENTS} events is validation on events, and writes nothing`, async () => {
      const fx = await kit.org();
      const bob = await fx.member({ allocation: 100 });
      const before = await fx.count();
      const events = Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => event(bob.userId, 1));
      const error = await fails(batch(fx, events), 'validation');
      expect(error.issues.map((i) => i.path)).toEqual(['events']);
      expect(error.message).toContain(String(MAX_BATCH_EVENTS));
      expect(await fx.count()).toBe(before);
    });

    it('a bad event is validation naming its index path, and no event of the batch is written', async () => {
      const fx = await kit.org();
      const bob = await fx.member({ allocation: 100 });
      const before = await fx.count();
      const good = () => event(bob.userId, 1);
      const paths = async (events: unknown[]) =>
        (await fails(batch(fx, events as UsageEvent[]), 'validation')).issues.map((i) => i.path).sort();
      expect(await paths([good(), good(), good(), { ...good(), amount: -1 }])).toEqual(['events.3.amount']);
      const { idempotencyKey: _k, ...keyless } = good();
      expect(await paths([good(), keyless])).toEqual(['events.1.idempotencyKey']);
      expect(await paths([good(), { ...good(), userId: '' }, { ...good(), amount: 0.5 }])).toEqual([
        'events.1.userId',
        'events.2.amount',
      ]);
      const twice = good();
      const repeated = await fails(batch(fx, [twice, good(), { ...twice, amount: 2 }]), 'validation');
      expect(repeated.issues).toEqual([
        expect.objectContaining({
          path: 'events.2.idempotencyKey',
          message: expect.stringContaining('events.0'),
        }),
      ]);
      expect(await paths([good(), 'usage'])).toEqual(['events.1']);
      expect(await fx.count()).toBe(before);
    });

    it('strict inputs: unknown keys, in the call or in an event, and prototype keys are named', async () => {
      const fx = await kit.org();
      const bob = await fx.member({ allocation: 100 });
      const before = await fx.count();
      const call = (extra: object, eventExtra: object = {}) =>
        fx.allot.consumeMany({
          actor: fx.system,
          orgId: fx.orgId,
          events: [event(bob.userId, 1), { ...event(bob.userId, 1), ...eventExtra }],
          ...extra,
        } as Parameters<typeof fx.allot.consumeMany>[0]);
      const named = async (extra: object, eventExtra?: object) =>
        (await fails(call(extra, eventExtra), 'validation')).issues.map((i) => i.path);
      expect(await named({ idempotencyKey: 'batch-1' })).toEqual(['idempotencyKey']);
      expect(await named({}, { cost: 3 })).toEqual(['events.1.cost']);
      expect(await named({}, JSON.parse('{"metadata":{"__proto__":{"admin":true}}}'))).toEqual([
        'events.1.metadata.__proto__',
      ]);
      expect(await named({}, JSON.parse('{"__proto__":{"admin":true}}'))).toEqual(['events.1.__proto__']);
      expect(await fx.count()).toBe(before);
    });

    it('is for admins and the system actor: a member is forbidden, and nothing is written', async () => {
      const fx = await kit.org();
      const bob = await fx.member({ allocation: 100 });
      const before = await fx.count();
      await fails(
        fx.allot.consumeMany({
          actor: bob.actor,
          orgId: fx.orgId,
          events: [event(bob.userId, 1)],
        } as Parameters<typeof fx.allot.consumeMany>[0]),
        'forbidden',
      );
      // A person's call may leave orgId out: it acts in the actor's organization.
      const { results } = await ok(
        fx.allot.consumeMany({ actor: actors.user(fx.orgId, fx.adminId), events: [event(bob.userId, 1)] }),
      );
      expect(results[0]?.ok && results[0].usage.actor).toBe(`user:${fx.adminId}`);
      expect(await fx.count()).toBe(before + 1);
    });
  });
}
