import { type AllotEvent, allotEventSchema, createAllot } from '@allot/core';
import type { OutboxEvent } from '@allot/core/port';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { randomId } from '../harness/random';
import { fails, ok } from '../harness/results';

/** An event of `orgId` made by hand, for writing straight through the port. */
function handMadeEvent(orgId: string): AllotEvent {
  return {
    id: randomId('evt'),
    type: 'alert.triggered',
    orgId,
    at: '2026-03-10T12:00:00.000Z',
    alert: { scope: 'pool', threshold: 'yellow', limit: 70, usagePercent: 71, used: 710, pool: 1000 },
  };
}

/**
 * Claims every event due at `now` (the outbox is shared by every organization on the store);
 * `leaseUntil` must be after `now`, or the claimed events would be due again at once.
 */
async function claimAll(
  claim: (args: { now: string; leaseUntil: string; limit: number }) => Promise<OutboxEvent[]>,
  now: string,
  leaseUntil: string,
) {
  const claimed: OutboxEvent[] = [];
  for (;;) {
    const batch = await claim({ now, leaseUntil, limit: 200 });
    claimed.push(...batch);
    if (batch.length === 0) return claimed;
  }
}

/** Committed changes reach subscribers after commit, at least once; refused ones never do. */
export function eventsSuite(kit: SuiteContext): void {
  describe('events', () => {
    it('every journal entry of a committed command is delivered as journal.entry, after commit', async () => {
      const fx = await kit.org();
      const log = fx.record();
      const seenInStore: boolean[] = [];
      fx.allot.on('journal.entry', async (event) => {
        if (event.orgId !== fx.orgId) return;
        seenInStore.push(
          (await fx.store.getJournalEntry({ orgId: fx.orgId, entryId: event.entry.id })) !== null,
        );
      });
      const m = await fx.member({ allocation: 100 });
      const usage = await fx.consume(m.userId, 10);
      await ok(
        fx.allot.refund({ actor: fx.system, orgId: fx.orgId, usageId: usage.id, idempotencyKey: randomId() }),
      );
      const hold = await fx.reserve(m.userId, 20);
      await ok(
        fx.allot.capture({
          actor: fx.system,
          orgId: fx.orgId,
          holdId: hold.id,
          amount: 5,
          idempotencyKey: randomId(),
        }),
      );
      await ok(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 10 }));
      await log.flush();
      const journal = await fx.journal();
      const delivered = log.of('journal.entry').map((e) => e.entry);
      expect([...delivered].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
        [...journal].sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
      expect(seenInStore.length).toBe(journal.length);
      expect(seenInStore.every(Boolean)).toBe(true);
      for (const event of log.all) expect(allotEventSchema.safeParse(event).success).toBe(true);
    });

    it('requests, enrolments and rollovers have their own events', async () => {
      const fx = await kit.org({ monthlyPool: 500, rolloverPolicy: 'reset' });
      const log = fx.record();
      const m = await fx.member();
      const request = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 40 }));
      const approved = await ok(
        fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId: request.id }),
      );
      const other = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 5 }));
      await ok(fx.allot.cancelRequest({ actor: m.actor, orgId: fx.orgId, requestId: other.id }));
      await fx.consume(m.userId, 15);
      await ok(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 20 }));
      fx.clock.set('2026-04-02T00:00:00.000Z');
      await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      await log.flush();
      const enrolled = log.of('member.enrolled').filter((e) => e.member.userId === m.userId);
      expect(enrolled).toHaveLength(1);
      expect(enrolled[0]?.member).toMatchObject({
        userId: m.userId,
        email: m.email,
        status: 'active',
        role: 'member',
      });
      expect(log.of('request.submitted').map((e) => e.request.id)).toEqual([request.id, other.id]);
      expect(log.of('request.submitted')[0]?.request).toEqual(request);
      const decided = log.of('request.decided');
      expect(decided.map((e) => [e.request.id, e.request.status])).toEqual([
        [request.id, 'approved'],
        [other.id, 'cancelled'],
      ]);
      expect(decided[0]?.request).toEqual(approved.request);
      const [rolled, ...more] = log.of('period.rolled_over');
      expect(more).toEqual([]);
      expect(rolled).toMatchObject({
        orgId: fx.orgId,
        at: '2026-04-02T00:00:00.000Z',
        closed: {
          start: '2026-03-01T00:00:00.000Z',
          end: '2026-04-01T00:00:00.000Z',
          monthlyPool: 500,
          topUps: 20,
          allocated: 40,
          used: 15,
        },
        current: { start: '2026-04-01T00:00:00.000Z', end: '2026-05-01T00:00:00.000Z' },
      });
    });

    it('a refused command sends nothing', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 10 });
      const log = fx.record();
      await log.flush();
      const before = log.all.length;
      await fails(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 11,
          idempotencyKey: randomId(),
        }),
        'insufficient_credits',
      );
      await fails(fx.allot.topUp({ actor: m.actor, orgId: fx.orgId, amount: 5 }), 'forbidden');
      await fails(
        fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 5000 }),
        'insufficient_pool',
      );
      await log.flush();
      expect(log.all.length).toBe(before);
    });

    it('what a refused command wrote before it failed (an expiry) is rolled back with its events', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const hold = await fx.reserve(m.userId, 60, { ttlSeconds: 60 });
      const log = fx.record();
      await log.flush();
      const before = log.all.length;
      fx.clock.advance(60_000);
      // The consume expires the hold first, then finds too little left: all of it rolls back.
      await fails(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 101,
          idempotencyKey: randomId(),
        }),
        'insufficient_credits',
      );
      await log.flush();
      expect(log.all.length).toBe(before);
      expect(await fx.store.getHold({ orgId: fx.orgId, holdId: hold.id })).toMatchObject({
        status: 'active',
      });
      await ok(fx.allot.balance({ actor: fx.admin, orgId: fx.orgId, userId: m.userId }));
      await log.flush();
      const released = log.of('journal.entry').filter((e) => e.entry.type === 'hold_released');
      expect(released.map((e) => e.entry.holdId)).toEqual([hold.id]);
    });

    it('an event written in a rolled-back transaction never reaches the outbox; a committed one does', async () => {
      const fx = await kit.org();
      const log = fx.record();
      const lost = handMadeEvent(fx.orgId);
      const kept = handMadeEvent(fx.orgId);
      const failure = new Error('roll back');
      await expect(
        fx.store.transaction(async (tx) => {
          await tx.write({ events: [lost] });
          throw failure;
        }),
      ).rejects.toBe(failure);
      await fx.store.transaction((tx) => tx.write({ events: [kept] }));
      await log.flush();
      const ids = log.all.map((e) => e.id);
      expect(ids).toContain(kept.id);
      expect(ids).not.toContain(lost.id);
      expect(log.all.find((e) => e.id === kept.id)).toEqual(kept);
    });

    it('event ids are unique and each event is delivered once when handlers succeed', async () => {
      const fx = await kit.org();
      const log = fx.record();
      const m = await fx.member({ allocation: 100 });
      for (let i = 0; i < 5; i++) await fx.consume(m.userId, 19);
      await log.flush();
      const ids = log.all.map((e) => e.id);
      expect(ids.length).toBeGreaterThan(5);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('subscribers of one type get only that type; unsubscribing stops delivery', async () => {
      const fx = await kit.org();
      const all = fx.record();
      const submitted: string[] = [];
      const stop = fx.allot.on('request.submitted', (event) => {
        if (event.orgId === fx.orgId) submitted.push(event.type);
      });
      const m = await fx.member({ allocation: 10 });
      await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 5 }));
      await all.flush();
      expect(submitted).toEqual(['request.submitted']);
      stop();
      await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 6 }));
      await all.flush();
      expect(submitted).toEqual(['request.submitted']);
      expect(all.of('request.submitted')).toHaveLength(2);
    });

    it('an event whose handler throws is delivered again, and its failure is reported', async () => {
      const errors: unknown[] = [];
      const fx = await kit.org({ events: { retryDelayMs: () => 0, onError: (error) => errors.push(error) } });
      const failedOnce = new Set<string>();
      const deliveries: string[] = [];
      fx.allot.on('request.submitted', (event) => {
        if (event.orgId !== fx.orgId) return;
        deliveries.push(event.id);
        if (!failedOnce.has(event.id)) {
          failedOnce.add(event.id);
          throw new Error('webhook down');
        }
      });
      const m = await fx.member();
      await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 5 }));
      for (let i = 0; i < 50 && deliveries.length < 2; i++) {
        await fx.allot.events.flush();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(deliveries).toHaveLength(2);
      expect(deliveries[0]).toBe(deliveries[1]);
      expect(errors.some((e) => e instanceof Error && e.message === 'webhook down')).toBe(true);
      await fx.allot.events.flush();
      expect(deliveries).toHaveLength(2);
    });

    it('events reach a subscriber without a flush (the dispatcher runs after commit)', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 10 });
      const got = new Promise<AllotEvent>((resolve) => {
        fx.allot.on('journal.entry', (event) => {
          if (event.orgId === fx.orgId && event.entry.type === 'usage') resolve(event);
        });
      });
      const usage = await fx.consume(m.userId, 3);
      const event = await got;
      expect(event).toMatchObject({ type: 'journal.entry', entry: usage });
    });

    it.each([
      ['by default (a plain createAllot({ store }))', {}],
      ['with events: false', { events: false }],
    ] as const)(
      'events are off %s: none is written, on() says how to turn them on, alerts still show',
      async (_how, options) => {
        const fx = await kit.org({ monthlyPool: 100 });
        const m = await fx.member({ allocation: 100 });
        const log = fx.record(); // a subscriber on an instance with events on, over the same store
        await log.flush();
        const seen = log.all.length;
        const off = createAllot({ store: fx.store, clock: fx.clock.now, ...options });
        try {
          expect(() => off.on('*', () => {})).toThrow(/events: true/);
          const { member } = await ok(
            off.consume({
              actor: fx.system,
              orgId: fx.orgId,
              userId: m.userId,
              amount: 95,
              idempotencyKey: randomId(),
            }),
          );
          expect(member.alerts).toEqual(['remaining_below_percent']);
          await off.events.flush();
          expect((await ok(off.overview({ actor: fx.admin, orgId: fx.orgId }))).alerts).toEqual([
            'red',
            'yellow',
          ]);
          await log.flush();
          expect(log.all.length).toBe(seen);
        } finally {
          await off.events.stop();
        }
      },
    );

    it('createAllot({ events: true }) writes every command’s events and delivers them to on()', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 10 });
      const on = createAllot({ store: fx.store, clock: fx.clock.now, events: true });
      try {
        const entries: string[] = [];
        on.on('journal.entry', (event) => {
          if (event.orgId === fx.orgId) entries.push(event.entry.id);
        });
        const { usage } = await ok(
          on.consume({
            actor: fx.system,
            orgId: fx.orgId,
            userId: m.userId,
            amount: 1,
            idempotencyKey: randomId(),
          }),
        );
        await on.events.flush();
        expect(entries).toContain(usage.id);
      } finally {
        await on.events.stop();
      }
    });

    describe('outbox (port)', () => {
      it('holds a command’s events once it commits, and nothing a rolled-back transaction wrote', async () => {
        const fx = await kit.org();
        const m = await fx.member({ allocation: 10 });
        await fx.allot.events.flush();
        const drain = async () => {
          const now = new Date().toISOString();
          const lease = new Date(Date.now() + 60_000).toISOString();
          const mine = (await claimAll((a) => fx.store.claimEvents(a), now, lease)).filter(
            (c) => c.event.orgId === fx.orgId,
          );
          await fx.store.completeEvents({ refs: mine.map((c) => c.ref) });
          return mine.map((c) => c.event);
        };
        await drain();
        const usage = await fx.consume(m.userId, 3);
        await fx.allot.events.flush();
        expect(await drain()).toContainEqual(
          expect.objectContaining({ type: 'journal.entry', entry: usage }),
        );
        await expect(
          fx.store.transaction(async (tx) => {
            await tx.write({ events: [handMadeEvent(fx.orgId)] });
            throw new Error('roll back');
          }),
        ).rejects.toThrow('roll back');
        expect(await drain()).toEqual([]);
      });

      it('claims due events oldest first, counts attempts, leases them, and forgets completed ones', async () => {
        const fx = await kit.org();
        const events = [handMadeEvent(fx.orgId), handMadeEvent(fx.orgId), handMadeEvent(fx.orgId)];
        await fx.store.transaction((tx) => tx.write({ events }));
        const ids = events.map((e) => e.id);
        const now = new Date().toISOString();
        const lease = new Date(Date.now() + 60_000).toISOString();
        const mine = (claimed: OutboxEvent[]) => claimed.filter((c) => ids.includes(c.event.id));

        const first = mine(await claimAll((a) => fx.store.claimEvents(a), now, lease));
        expect(first.map((c) => c.event)).toEqual(events);
        expect(first.map((c) => c.attempts)).toEqual([1, 1, 1]);
        // A row keeps its ref from claim to claim: it is how the dispatcher names it back.
        const refs = first.map((c) => c.ref);
        // Leased: not due again before the lease ends.
        expect(mine(await claimAll((a) => fx.store.claimEvents(a), now, lease))).toEqual([]);

        await fx.store.completeEvents({ refs: [refs[0]!] });
        await fx.store.retryEvent({ ref: refs[1]!, availableAt: now, error: 'handler failed' });
        const retried = mine(await claimAll((a) => fx.store.claimEvents(a), now, lease));
        expect(retried.map((c) => [c.event.id, c.attempts, c.ref])).toEqual([[ids[1], 2, refs[1]]]);

        const later = new Date(Date.now() + 120_000).toISOString();
        const expired = mine(await claimAll((a) => fx.store.claimEvents(a), lease, later));
        expect(expired.map((c) => [c.event.id, c.attempts])).toEqual([
          [ids[1], 3],
          [ids[2], 2],
        ]);
        await fx.store.completeEvents({ refs });
        // Everything else is due by `later`; leased past it, so each claim makes progress.
        const afterLater = new Date(Date.now() + 180_000).toISOString();
        expect(mine(await claimAll((a) => fx.store.claimEvents(a), later, afterLater))).toEqual([]);
      });

      it('concurrent claimers never get the same event', async () => {
        const fx = await kit.org();
        const events = Array.from({ length: 60 }, () => handMadeEvent(fx.orgId));
        await fx.store.transaction((tx) => tx.write({ events }));
        const ids = new Set(events.map((e) => e.id));
        const now = new Date().toISOString();
        const lease = new Date(Date.now() + 60_000).toISOString();
        const claimers = await Promise.all(
          Array.from({ length: 6 }, async () => {
            const got: OutboxEvent[] = [];
            for (;;) {
              const batch = await fx.store.claimEvents({ now, leaseUntil: lease, limit: 7 });
              if (batch.length === 0) return got;
              got.push(...batch.filter((c) => ids.has(c.event.id)));
            }
          }),
        );
        const all = claimers.flat();
        expect(all).toHaveLength(60);
        expect(new Set(all.map((c) => c.event.id)).size).toBe(60);
        await fx.store.completeEvents({ refs: all.map((c) => c.ref) });
      });
    });
  });
}
