import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import type { OrgFixture } from '../harness/org-fixture';
import { randomId } from '../harness/random';
import { type Call, codes, fails, ok, settle } from '../harness/results';

/** The reads that expire due holds before they answer, each called as the admin. */
const EXPIRING_READS: [string, (fx: OrgFixture, userId: string) => Call<unknown>][] = [
  ['holds', (fx) => fx.allot.holds({ actor: fx.admin, orgId: fx.orgId, status: 'all' })],
  ['balance', (fx, userId) => fx.allot.balance({ actor: fx.admin, orgId: fx.orgId, userId })],
  ['members', (fx) => fx.allot.members({ actor: fx.admin, orgId: fx.orgId })],
  ['overview', (fx) => fx.allot.overview({ actor: fx.admin, orgId: fx.orgId })],
];

/** reserve, capture, release and the holds read: credits set aside for work in progress. */
export function holdsSuite(kit: SuiteContext): void {
  describe('holds', () => {
    it('reserve sets credits aside: remaining drops, held rises, and a hold entry is journaled', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const key = randomId('key');
      const result = await ok(
        fx.allot.reserve({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 30,
          idempotencyKey: key,
          description: 'Render job',
          metadata: { jobId: 'j-7' },
        }),
      );
      expect(result.member).toMatchObject({ allocated: 100, used: 0, held: 30, remaining: 70 });
      expect(result.hold).toEqual({
        id: result.hold.id,
        orgId: fx.orgId,
        userId: m.userId,
        amount: 30,
        status: 'active',
        captured: null,
        description: 'Render job',
        metadata: { jobId: 'j-7' },
        createdAt: '2026-03-10T12:00:00.000Z',
        expiresAt: '2026-03-10T12:15:00.000Z',
        settledAt: null,
      });
      expect(await fx.store.getHold({ orgId: fx.orgId, holdId: result.hold.id })).toEqual(result.hold);
      const [entry] = await fx.journal({ userId: m.userId, type: ['hold'] });
      expect(entry).toMatchObject({
        type: 'hold',
        amount: -30,
        balanceAfter: 70,
        holdId: result.hold.id,
        idempotencyKey: key,
        actor: 'system',
        metadata: { jobId: 'j-7' },
      });
      expect(await fx.balance(m.userId)).toEqual({ allocated: 100, used: 0, held: 30, remaining: 70 });
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({ used: 0, held: 30 });
    });

    it('reserve takes its time to live in seconds, and the member remembers the earliest expiry', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const late = await fx.reserve(m.userId, 10, { ttlSeconds: 3600 });
      expect(late.expiresAt).toBe('2026-03-10T13:00:00.000Z');
      expect((await fx.store.getMember({ orgId: fx.orgId, userId: m.userId }))?.holdsExpireAt).toBe(
        late.expiresAt,
      );
      const early = await fx.reserve(m.userId, 10, { ttlSeconds: 60 });
      expect((await fx.store.getMember({ orgId: fx.orgId, userId: m.userId }))?.holdsExpireAt).toBe(
        early.expiresAt,
      );
      expect(
        (await fx.store.listActiveHolds({ orgId: fx.orgId, userId: m.userId })).map((h) => h.id),
      ).toEqual([early.id, late.id]);
    });

    it('reserve more than remaining is insufficient_credits and writes nothing', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      await fx.consume(m.userId, 30);
      await fx.reserve(m.userId, 50);
      const before = await fx.count();
      const error = await fails(
        fx.allot.reserve({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 21,
          idempotencyKey: randomId(),
        }),
        'insufficient_credits',
      );
      expect(error).toMatchObject({ requested: 21, available: 20 });
      expect(await fx.count()).toBe(before);
      await fx.reserve(m.userId, 20);
      expect(await fx.balance(m.userId)).toEqual({ allocated: 100, used: 30, held: 70, remaining: 0 });
    });

    it('reserve for someone who is not a member, or was removed, is not_found', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 10 });
      await ok(fx.allot.removeMember({ actor: fx.admin, orgId: fx.orgId, userId: m.userId }));
      for (const userId of [randomId('ghost'), m.userId]) {
        await fails(
          fx.allot.reserve({
            actor: fx.system,
            orgId: fx.orgId,
            userId,
            amount: 1,
            idempotencyKey: randomId(),
          }),
          'not_found',
        );
      }
    });

    it('a partial capture uses part of the hold and returns the rest', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const hold = await fx.reserve(m.userId, 40);
      fx.clock.advance(5000);
      const key = randomId('capture');
      const result = await ok(
        fx.allot.capture({
          actor: fx.system,
          orgId: fx.orgId,
          holdId: hold.id,
          amount: 25,
          idempotencyKey: key,
          description: 'Render job (25 s)',
        }),
      );
      expect(result.member).toMatchObject({ allocated: 100, used: 25, held: 0, remaining: 75 });
      expect(result.hold).toEqual({
        ...hold,
        status: 'captured',
        captured: 25,
        settledAt: '2026-03-10T12:00:05.000Z',
      });
      expect(result.usage).toMatchObject({
        type: 'usage',
        amount: -25,
        balanceAfter: 75,
        holdId: hold.id,
        description: 'Render job (25 s)',
        idempotencyKey: key,
        userId: m.userId,
      });
      const entries = await fx.journal({ userId: m.userId });
      const [usage, released] = entries;
      expect(usage).toEqual(result.usage);
      expect(released).toMatchObject({
        type: 'hold_released',
        amount: 40,
        balanceAfter: 100,
        holdId: hold.id,
        seq: result.usage.seq - 1,
      });
      expect(await fx.store.getHold({ orgId: fx.orgId, holdId: hold.id })).toEqual(result.hold);
    });

    it('a capture without an amount uses the whole hold, with the hold’s description and metadata', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const { hold } = await ok(
        fx.allot.reserve({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 60,
          idempotencyKey: randomId(),
          description: 'Batch export',
          metadata: { batch: 3 },
        }),
      );
      const result = await ok(
        fx.allot.capture({ actor: fx.system, orgId: fx.orgId, holdId: hold.id, idempotencyKey: randomId() }),
      );
      expect(result.usage).toMatchObject({
        amount: -60,
        description: 'Batch export',
        metadata: { batch: 3 },
      });
      expect(result.hold).toMatchObject({ status: 'captured', captured: 60 });
      expect(await fx.balance(m.userId)).toEqual({ allocated: 100, used: 60, held: 0, remaining: 40 });
    });

    it('release returns the whole hold', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const hold = await fx.reserve(m.userId, 35);
      const result = await ok(fx.allot.release({ actor: fx.admin, orgId: fx.orgId, holdId: hold.id }));
      expect(result.hold).toMatchObject({
        status: 'released',
        captured: null,
        settledAt: '2026-03-10T12:00:00.000Z',
      });
      expect(result.member).toMatchObject({ used: 0, held: 0, remaining: 100 });
      const [entry] = await fx.journal({ userId: m.userId, type: ['hold_released'] });
      expect(entry).toMatchObject({
        amount: 35,
        balanceAfter: 100,
        holdId: hold.id,
        actor: `user:${fx.adminId}`,
      });
      expect(await fx.journal({ userId: m.userId, type: ['usage'] })).toEqual([]);
      expect((await fx.store.getMember({ orgId: fx.orgId, userId: m.userId }))?.holdsExpireAt).toBeNull();
    });

    it('capture or release of a hold that is no longer active is hold_not_active and writes nothing', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const captured = await fx.reserve(m.userId, 10);
      await ok(
        fx.allot.capture({
          actor: fx.system,
          orgId: fx.orgId,
          holdId: captured.id,
          idempotencyKey: randomId(),
        }),
      );
      const released = await fx.reserve(m.userId, 10);
      await ok(fx.allot.release({ actor: fx.system, orgId: fx.orgId, holdId: released.id }));
      const before = await fx.count();
      for (const [hold, status] of [
        [captured, 'captured'],
        [released, 'released'],
      ] as const) {
        const capture = await fails(
          fx.allot.capture({
            actor: fx.system,
            orgId: fx.orgId,
            holdId: hold.id,
            idempotencyKey: randomId(),
          }),
          'hold_not_active',
        );
        expect(capture.status).toBe(status);
        const release = await fails(
          fx.allot.release({ actor: fx.system, orgId: fx.orgId, holdId: hold.id }),
          'hold_not_active',
        );
        expect(release.status).toBe(status);
      }
      expect(await fx.count()).toBe(before);
      expect(await fx.balance(m.userId)).toEqual({ allocated: 100, used: 10, held: 0, remaining: 90 });
    });

    it('capture or release of an unknown hold is not_found', async () => {
      const fx = await kit.org();
      await fx.member({ allocation: 10 });
      const holdId = randomId('ghost');
      await fails(
        fx.allot.capture({ actor: fx.system, orgId: fx.orgId, holdId, idempotencyKey: randomId() }),
        'not_found',
      );
      await fails(fx.allot.release({ actor: fx.system, orgId: fx.orgId, holdId }), 'not_found');
    });

    it('capturing more than the hold is validation on amount; the hold stays active', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const hold = await fx.reserve(m.userId, 20);
      const before = await fx.count();
      const error = await fails(
        fx.allot.capture({
          actor: fx.system,
          orgId: fx.orgId,
          holdId: hold.id,
          amount: 21,
          idempotencyKey: randomId(),
        }),
        'validation',
      );
      expect(error.issues.map((i) => i.path)).toEqual(['amount']);
      expect(await fx.count()).toBe(before);
      expect(await fx.store.getHold({ orgId: fx.orgId, holdId: hold.id })).toEqual(hold);
    });

    it('consume cannot spend held credits', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      await fx.reserve(m.userId, 80);
      const error = await fails(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 21,
          idempotencyKey: randomId(),
        }),
        'insufficient_credits',
      );
      expect(error).toMatchObject({ requested: 21, available: 20 });
      await fx.consume(m.userId, 20);
      expect(await fx.balance(m.userId)).toEqual({ allocated: 100, used: 20, held: 80, remaining: 0 });
    });

    it('revoke cannot take back held credits', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      await fx.consume(m.userId, 10);
      await fx.reserve(m.userId, 60);
      const error = await fails(
        fx.allot.revoke({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, amount: 31 }),
        'insufficient_credits',
      );
      expect(error).toMatchObject({ requested: 31, available: 30 });
      await ok(fx.allot.revoke({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, amount: 30 }));
      expect(await fx.balance(m.userId)).toEqual({ allocated: 70, used: 10, held: 60, remaining: 0 });
    });

    it('assign cannot set the allocation below used plus held', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      await fx.consume(m.userId, 10);
      await fx.reserve(m.userId, 60);
      await fails(
        fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 69 }),
        'allocation_below_usage',
      );
      await ok(fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 70 }));
      expect(await fx.balance(m.userId)).toEqual({ allocated: 70, used: 10, held: 60, remaining: 0 });
    });

    it('an expired hold is released by the next consume, journaled by the system', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const hold = await fx.reserve(m.userId, 90, { ttlSeconds: 60 });
      fx.clock.advance(59_999);
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
      fx.clock.advance(1);
      const key = randomId('after-expiry');
      const result = await ok(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 50,
          idempotencyKey: key,
        }),
      );
      expect(result.member).toMatchObject({ used: 50, held: 0, remaining: 50 });
      const [expired] = await fx.journal({ userId: m.userId, type: ['hold_released'] });
      expect(expired).toMatchObject({
        amount: 90,
        holdId: hold.id,
        actor: 'system',
        idempotencyKey: null,
        at: '2026-03-10T12:01:00.000Z',
      });
      expect(expired!.seq).toBe(result.usage.seq - 1);
      expect(await fx.store.getHold({ orgId: fx.orgId, holdId: hold.id })).toMatchObject({
        status: 'expired',
        settledAt: '2026-03-10T12:01:00.000Z',
      });
      expect((await fx.store.getMember({ orgId: fx.orgId, userId: m.userId }))?.holdsExpireAt).toBeNull();
    });

    it.each(EXPIRING_READS)('the %s read expires due holds before it answers', async (_name, read) => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const other = await fx.member({ allocation: 100 });
      const due = await fx.reserve(m.userId, 30, { ttlSeconds: 60 });
      const later = await fx.reserve(m.userId, 20, { ttlSeconds: 600 });
      const otherDue = await fx.reserve(other.userId, 5, { ttlSeconds: 60 });
      fx.clock.advance(61_000);
      await ok(read(fx, m.userId));
      expect(await fx.store.getHold({ orgId: fx.orgId, holdId: due.id })).toMatchObject({
        status: 'expired',
      });
      expect(await fx.store.getHold({ orgId: fx.orgId, holdId: later.id })).toMatchObject({
        status: 'active',
      });
      const member = await fx.store.getMember({ orgId: fx.orgId, userId: m.userId });
      expect(member).toMatchObject({ held: 20, holdsExpireAt: later.expiresAt });
      const released = await fx.journal({ type: ['hold_released'] });
      expect(released.every((e) => e.actor === 'system')).toBe(true);
      expect(released.map((e) => e.holdId)).toContain(due.id);
      // A member-scoped read (balance of m) need not touch other members; the others expire everyone.
      const otherHold = await fx.store.getHold({ orgId: fx.orgId, holdId: otherDue.id });
      expect(['active', 'expired']).toContain(otherHold?.status);
    });

    it('the reads show the state after expiry', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      await fx.reserve(m.userId, 30, { ttlSeconds: 60 });
      fx.clock.advance(60_000);
      expect(await fx.balance(m.userId)).toEqual({ allocated: 100, used: 0, held: 0, remaining: 100 });
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview.held).toBe(0);
      const members = await ok(fx.allot.members({ actor: fx.admin, orgId: fx.orgId }));
      expect(members.items.find((x) => x.userId === m.userId)).toMatchObject({ held: 0, remaining: 100 });
      const active = await ok(fx.allot.holds({ actor: fx.admin, orgId: fx.orgId }));
      expect(active.items).toEqual([]);
      const expired = await ok(fx.allot.holds({ actor: fx.admin, orgId: fx.orgId, status: 'expired' }));
      expect(expired.items).toHaveLength(1);
    });

    it('capture or release of an expired hold is hold_not_active (expired)', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const hold = await fx.reserve(m.userId, 30, { ttlSeconds: 60 });
      fx.clock.advance(60_000);
      const capture = await fails(
        fx.allot.capture({ actor: fx.system, orgId: fx.orgId, holdId: hold.id, idempotencyKey: randomId() }),
        'hold_not_active',
      );
      expect(capture.status).toBe('expired');
      const release = await fails(
        fx.allot.release({ actor: fx.system, orgId: fx.orgId, holdId: hold.id }),
        'hold_not_active',
      );
      expect(release.status).toBe('expired');
      expect((await fx.balance(m.userId)).held).toBe(0);
      expect(await fx.journal({ userId: m.userId, type: ['hold_released'] })).toHaveLength(1);
    });

    it('rollover releases every active hold before the new period starts', async () => {
      const fx = await kit.org({ rolloverPolicy: 'carry' });
      const a = await fx.member({ allocation: 100 });
      const b = await fx.member({ allocation: 100 });
      await fx.consume(a.userId, 10);
      const holdA = await fx.reserve(a.userId, 40, { ttlSeconds: 30 * 24 * 3600 });
      const holdB = await fx.reserve(b.userId, 25, { ttlSeconds: 30 * 24 * 3600 });
      fx.clock.set('2026-04-01T00:00:00.000Z');
      expect(await fx.balance(a.userId)).toEqual({ allocated: 100, used: 0, held: 0, remaining: 100 });
      for (const hold of [holdA, holdB]) {
        expect(await fx.store.getHold({ orgId: fx.orgId, holdId: hold.id })).toMatchObject({
          status: 'released',
          settledAt: '2026-04-01T00:00:00.000Z',
        });
      }
      const [released] = await fx.journal({ userId: a.userId, type: ['hold_released'] });
      expect(released).toMatchObject({
        amount: 40,
        actor: 'system',
        description: 'Released at the end of the billing period',
      });
      const [rollover] = await fx.journal({ userId: a.userId, type: ['rollover'] });
      expect(rollover!.seq).toBe(released!.seq + 1);
      expect(rollover).toMatchObject({ amount: 10, balanceAfter: 100 });
      expect(await fx.store.listActiveHolds({ orgId: fx.orgId })).toEqual([]);
    });

    it('removing a member releases their holds, then returns their remaining credits', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const m = await fx.member({ allocation: 100 });
      await fx.consume(m.userId, 10);
      const hold = await fx.reserve(m.userId, 30);
      const result = await ok(fx.allot.removeMember({ actor: fx.admin, orgId: fx.orgId, userId: m.userId }));
      expect(result.member).toMatchObject({ status: 'removed', allocated: 10, used: 10, held: 0 });
      expect(await fx.store.getHold({ orgId: fx.orgId, holdId: hold.id })).toMatchObject({
        status: 'released',
      });
      const types = (await fx.journal({ userId: m.userId })).slice(0, 3).map((e) => [e.type, e.amount]);
      expect(types).toEqual([
        ['member_removed', 0],
        ['revocation', -90],
        ['hold_released', 30],
      ]);
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({ allocated: 10, held: 0, used: 10 });
    });

    it('a reserve retried with its key returns the first hold and reserves once', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const call = {
        actor: fx.system,
        orgId: fx.orgId,
        userId: m.userId,
        amount: 30,
        idempotencyKey: randomId(),
      };
      const first = await ok(fx.allot.reserve(call));
      fx.clock.advance(1000);
      const again = await ok(fx.allot.reserve(call));
      expect(again).toEqual(first);
      expect(await fx.journal({ userId: m.userId, type: ['hold'] })).toHaveLength(1);
      expect((await fx.balance(m.userId)).held).toBe(30);
      await fails(fx.allot.reserve({ ...call, amount: 31 }), 'idempotency_conflict');
    });

    it('a capture retried with its key returns the first result and captures once', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const hold = await fx.reserve(m.userId, 30);
      const call = {
        actor: fx.system,
        orgId: fx.orgId,
        holdId: hold.id,
        amount: 12,
        idempotencyKey: randomId(),
      };
      const first = await ok(fx.allot.capture(call));
      const again = await ok(fx.allot.capture(call));
      expect(again).toEqual(first);
      expect(await fx.journal({ userId: m.userId, type: ['usage'] })).toHaveLength(1);
      expect(await fx.balance(m.userId)).toEqual({ allocated: 100, used: 12, held: 0, remaining: 88 });
      await fails(fx.allot.capture({ ...call, amount: 13 }), 'idempotency_conflict');
    });

    it('usage captured from a hold can be refunded like any usage', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const hold = await fx.reserve(m.userId, 50);
      const { usage } = await ok(
        fx.allot.capture({
          actor: fx.system,
          orgId: fx.orgId,
          holdId: hold.id,
          amount: 40,
          idempotencyKey: randomId(),
        }),
      );
      const { refund, member } = await ok(
        fx.allot.refund({
          actor: fx.system,
          orgId: fx.orgId,
          usageId: usage.id,
          amount: 15,
          idempotencyKey: randomId(),
        }),
      );
      expect(refund).toMatchObject({ amount: 15, usageId: usage.id });
      expect(member).toMatchObject({ used: 25, held: 0, remaining: 75 });
    });

    it('holds lists active holds newest first by default; members see only their own', async () => {
      const fx = await kit.org();
      const a = await fx.member({ allocation: 100 });
      const b = await fx.member({ allocation: 100 });
      const a1 = await fx.reserve(a.userId, 10);
      fx.clock.advance(1000);
      const b1 = await fx.reserve(b.userId, 10);
      fx.clock.advance(1000);
      const a2 = await fx.reserve(a.userId, 10);
      fx.clock.advance(1000);
      const a3 = await fx.reserve(a.userId, 10);
      await ok(fx.allot.release({ actor: fx.system, orgId: fx.orgId, holdId: a3.id }));
      const all = await ok(fx.allot.holds({ actor: fx.admin, orgId: fx.orgId }));
      expect(all.items.map((h) => h.id)).toEqual([a2.id, b1.id, a1.id]);
      expect(all.nextCursor).toBeNull();
      const own = await ok(fx.allot.holds({ actor: a.actor, orgId: fx.orgId }));
      expect(own.items.map((h) => h.id)).toEqual([a2.id, a1.id]);
      await fails(fx.allot.holds({ actor: a.actor, orgId: fx.orgId, userId: b.userId }), 'forbidden');
      const adminFiltered = await ok(fx.allot.holds({ actor: fx.admin, orgId: fx.orgId, userId: b.userId }));
      expect(adminFiltered.items.map((h) => h.id)).toEqual([b1.id]);
      const everything = await ok(fx.allot.holds({ actor: a.actor, orgId: fx.orgId, status: 'all' }));
      expect(everything.items.map((h) => h.id)).toEqual([a3.id, a2.id, a1.id]);
      const released = await ok(fx.allot.holds({ actor: fx.admin, orgId: fx.orgId, status: 'released' }));
      expect(released.items).toEqual([{ ...a3, status: 'released', settledAt: a3.createdAt }]);
    });

    it('holds pages with a cursor, covering every hold exactly once', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const made: string[] = [];
      for (let i = 0; i < 7; i++) {
        made.push((await fx.reserve(m.userId, 1)).id);
        if (i % 2 === 0) fx.clock.advance(1000); // some share a createdAt: ties break by id
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await ok(
          fx.allot.holds({ actor: fx.admin, orgId: fx.orgId, limit: 3, ...(cursor ? { cursor } : {}) }),
        );
        seen.push(...page.items.map((h) => h.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual([...made].reverse());
    });

    describe('concurrency', () => {
      it('50 concurrent reserves never hold more than the member has', async () => {
        const fx = await kit.org();
        const m = await fx.member({ allocation: 100 });
        const results = await Promise.all(
          Array.from({ length: 50 }, () =>
            settle(
              fx.allot.reserve({
                actor: fx.system,
                orgId: fx.orgId,
                userId: m.userId,
                amount: 3,
                idempotencyKey: randomId(),
              }),
            ),
          ),
        );
        expect(codes(results)).toEqual({ ok: 33, insufficient_credits: 17 });
        expect(await fx.balance(m.userId)).toEqual({ allocated: 100, used: 0, held: 99, remaining: 1 });
      });

      it('concurrent reserves, consumes and captures on one member never overdraw it', async () => {
        const fx = await kit.org();
        const m = await fx.member({ allocation: 100 });
        const holds = [];
        for (let i = 0; i < 5; i++) holds.push(await fx.reserve(m.userId, 8));
        const results = await Promise.all([
          ...holds.map((h) =>
            settle(
              fx.allot.capture({
                actor: fx.system,
                orgId: fx.orgId,
                holdId: h.id,
                amount: 5,
                idempotencyKey: randomId(),
              }),
            ),
          ),
          ...Array.from({ length: 30 }, (_, i) =>
            i % 2 === 0
              ? settle(
                  fx.allot.reserve({
                    actor: fx.system,
                    orgId: fx.orgId,
                    userId: m.userId,
                    amount: 4,
                    idempotencyKey: randomId(),
                  }),
                )
              : settle(
                  fx.allot.consume({
                    actor: fx.system,
                    orgId: fx.orgId,
                    userId: m.userId,
                    amount: 4,
                    idempotencyKey: randomId(),
                  }),
                ),
          ),
        ]);
        expect(results.every((r) => r.ok || r.error.code === 'insufficient_credits')).toBe(true);
        expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
        const balance = await fx.balance(m.userId);
        expect(balance.used + balance.held).toBeLessThanOrEqual(100);
        expect(balance.remaining).toBeGreaterThanOrEqual(0);
        expect(balance.remaining).toBeLessThan(4 + 15); // the losers found too little left
      });

      it('a capture and a release of the same hold racing: exactly one wins', async () => {
        const fx = await kit.org();
        const m = await fx.member({ allocation: 100 });
        const hold = await fx.reserve(m.userId, 30);
        const [capture, release] = await Promise.all([
          settle(
            fx.allot.capture({
              actor: fx.system,
              orgId: fx.orgId,
              holdId: hold.id,
              amount: 20,
              idempotencyKey: randomId(),
            }),
          ),
          settle(fx.allot.release({ actor: fx.system, orgId: fx.orgId, holdId: hold.id })),
        ]);
        expect(codes([capture!, release!])).toEqual({ ok: 1, hold_not_active: 1 });
        const balance = await fx.balance(m.userId);
        expect(balance.held).toBe(0);
        expect(balance.used).toBe(capture!.ok ? 20 : 0);
        expect(await fx.journal({ userId: m.userId, type: ['hold_released'] })).toHaveLength(1);
      });

      it('ten captures of one hold with different keys: exactly one succeeds', async () => {
        const fx = await kit.org();
        const m = await fx.member({ allocation: 100 });
        const hold = await fx.reserve(m.userId, 30);
        const results = await Promise.all(
          Array.from({ length: 10 }, () =>
            settle(
              fx.allot.capture({
                actor: fx.system,
                orgId: fx.orgId,
                holdId: hold.id,
                amount: 7,
                idempotencyKey: randomId(),
              }),
            ),
          ),
        );
        expect(codes(results)).toEqual({ ok: 1, hold_not_active: 9 });
        expect(await fx.balance(m.userId)).toEqual({ allocated: 100, used: 7, held: 0, remaining: 93 });
      });

      it('captures racing expiry and reads: each hold is settled exactly once', async () => {
        const fx = await kit.org();
        const members = [await fx.member({ allocation: 100 }), await fx.member({ allocation: 100 })];
        const short = [];
        const long = [];
        for (const m of members) {
          for (let i = 0; i < 4; i++) short.push(await fx.reserve(m.userId, 5, { ttlSeconds: 30 }));
          for (let i = 0; i < 4; i++) long.push(await fx.reserve(m.userId, 5, { ttlSeconds: 120 }));
        }
        fx.clock.advance(60_000);
        const captures = [...short, ...long].map((h) =>
          settle(
            fx.allot.capture({
              actor: fx.system,
              orgId: fx.orgId,
              holdId: h.id,
              amount: 3,
              idempotencyKey: randomId(),
            }),
          ),
        );
        const reads = [
          ...members.map((m) =>
            settle(fx.allot.balance({ actor: fx.admin, orgId: fx.orgId, userId: m.userId })),
          ),
          settle(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId })),
          settle(fx.allot.holds({ actor: fx.admin, orgId: fx.orgId })),
          settle(fx.allot.members({ actor: fx.admin, orgId: fx.orgId })),
          ...members.map((m) =>
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
        ];
        const results = await Promise.all(captures);
        expect(codes(await Promise.all(reads))).toEqual({ ok: reads.length });
        expect(codes(results.slice(0, short.length))).toEqual({ hold_not_active: short.length });
        expect(codes(results.slice(short.length))).toEqual({ ok: long.length });
        for (const r of results.slice(0, short.length))
          if (!r.ok) expect(r.error).toMatchObject({ status: 'expired' });
        const released = await fx.journal({ type: ['hold_released'] });
        expect(released).toHaveLength(short.length + long.length);
        expect(new Set(released.map((e) => e.holdId)).size).toBe(short.length + long.length);
        for (const m of members) {
          expect(await fx.balance(m.userId)).toEqual({ allocated: 100, used: 13, held: 0, remaining: 87 });
        }
      });
    });
  });
}
