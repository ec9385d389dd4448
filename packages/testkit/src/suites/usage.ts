import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { randomId } from '../harness/random';
import { fails, ok } from '../harness/results';

/** consume and refund. */
export function usageSuite(kit: SuiteContext): void {
  describe('usage & refunds', () => {
    it('consume spends remaining credits and journals a negative usage', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const key = randomId('key');
      const result = await ok(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 30,
          idempotencyKey: key,
          description: 'Video render',
          metadata: { jobId: 'j-1', seconds: 12, hd: true, note: null },
        }),
      );
      expect(result.member).toMatchObject({ allocated: 100, used: 30, remaining: 70 });
      expect(result.usage).toMatchObject({
        type: 'usage',
        amount: -30,
        balanceAfter: 70,
        description: 'Video render',
        idempotencyKey: key,
        actor: 'system',
        metadata: { jobId: 'j-1', seconds: 12, hd: true, note: null },
      });
      const stored = await fx.store.getJournalEntry({ orgId: fx.orgId, entryId: result.usage.id });
      expect(stored).toEqual(result.usage);
    });

    it('consume may spend exactly the remaining credits', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      await fx.consume(m.userId, 60);
      await fx.consume(m.userId, 40);
      expect(await fx.memberState(m.userId)).toEqual({ allocated: 100, used: 100, remaining: 0 });
    });

    it('consume more than remaining is insufficient_credits and spends nothing', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      await fx.consume(m.userId, 90);
      const before = await fx.count();
      const error = await fails(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 11,
          idempotencyKey: randomId(),
        }),
        'insufficient_credits',
      );
      expect(error).toMatchObject({ requested: 11, available: 10 });
      expect(await fx.count()).toBe(before);
      expect((await fx.memberState(m.userId)).used).toBe(90);
    });

    it('a member with no allocation cannot consume', async () => {
      const fx = await kit.org();
      const m = await fx.member();
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
    });

    it('consume for someone who is not a member is not_found', async () => {
      const fx = await kit.org();
      await fails(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: randomId('ghost'),
          amount: 1,
          idempotencyKey: randomId(),
        }),
        'not_found',
      );
    });

    it('an admin (not only the system actor) may record usage', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 10 });
      const result = await ok(
        fx.allot.consume({
          actor: fx.admin,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 3,
          idempotencyKey: randomId(),
        }),
      );
      expect(result.usage.actor).toBe(`user:${fx.adminId}`);
    });

    it('refund gives back part of a usage', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const usage = await fx.consume(m.userId, 40, 'Render');
      const result = await ok(
        fx.allot.refund({
          actor: fx.system,
          orgId: fx.orgId,
          usageId: usage.id,
          amount: 15,
          idempotencyKey: randomId(),
        }),
      );
      expect(result.member).toMatchObject({ used: 25, remaining: 75 });
      expect(result.refund).toMatchObject({
        type: 'refund',
        amount: 15,
        balanceAfter: 75,
        usageId: usage.id,
        userId: m.userId,
      });
      expect(await fx.store.sumRefunds({ orgId: fx.orgId, usageId: usage.id })).toBe(15);
    });

    it('refund without an amount gives back the whole unrefunded rest', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const usage = await fx.consume(m.userId, 40);
      await ok(
        fx.allot.refund({
          actor: fx.system,
          orgId: fx.orgId,
          usageId: usage.id,
          amount: 10,
          idempotencyKey: randomId(),
        }),
      );
      const rest = await ok(
        fx.allot.refund({ actor: fx.system, orgId: fx.orgId, usageId: usage.id, idempotencyKey: randomId() }),
      );
      expect(rest.refund.amount).toBe(30);
      expect(await fx.memberState(m.userId)).toEqual({ allocated: 100, used: 0, remaining: 100 });
    });

    it('refund at most the unrefunded rest: asking for more is validation on amount', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const usage = await fx.consume(m.userId, 40);
      await ok(
        fx.allot.refund({
          actor: fx.system,
          orgId: fx.orgId,
          usageId: usage.id,
          amount: 25,
          idempotencyKey: randomId(),
        }),
      );
      const before = await fx.count();
      const error = await fails(
        fx.allot.refund({
          actor: fx.system,
          orgId: fx.orgId,
          usageId: usage.id,
          amount: 16,
          idempotencyKey: randomId(),
        }),
        'validation',
      );
      expect(error.issues.map((i) => i.path)).toContain('amount');
      expect(await fx.count()).toBe(before);
      await ok(
        fx.allot.refund({
          actor: fx.system,
          orgId: fx.orgId,
          usageId: usage.id,
          amount: 15,
          idempotencyKey: randomId(),
        }),
      );
    });

    it('refunding a usage already refunded in full is a conflict', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const usage = await fx.consume(m.userId, 20);
      await ok(
        fx.allot.refund({ actor: fx.system, orgId: fx.orgId, usageId: usage.id, idempotencyKey: randomId() }),
      );
      await fails(
        fx.allot.refund({ actor: fx.system, orgId: fx.orgId, usageId: usage.id, idempotencyKey: randomId() }),
        'conflict',
      );
      expect((await fx.memberState(m.userId)).used).toBe(0);
    });

    it('refund of an unknown entry, or of an entry that is not a usage, is not_found', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      await fails(
        fx.allot.refund({
          actor: fx.system,
          orgId: fx.orgId,
          usageId: randomId('ghost'),
          idempotencyKey: randomId(),
        }),
        'not_found',
      );
      const [allocation] = await fx.journal({ userId: m.userId, type: ['allocation'] });
      await fails(
        fx.allot.refund({
          actor: fx.system,
          orgId: fx.orgId,
          usageId: allocation!.id,
          amount: 1,
          idempotencyKey: randomId(),
        }),
        'not_found',
      );
    });

    it('refunds of one usage only touch that usage', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const first = await fx.consume(m.userId, 10);
      const second = await fx.consume(m.userId, 20);
      await ok(
        fx.allot.refund({
          actor: fx.system,
          orgId: fx.orgId,
          usageId: second.id,
          idempotencyKey: randomId(),
        }),
      );
      expect(await fx.store.sumRefunds({ orgId: fx.orgId, usageId: first.id })).toBe(0);
      expect(await fx.store.sumRefunds({ orgId: fx.orgId, usageId: second.id })).toBe(20);
      await ok(
        fx.allot.refund({
          actor: fx.system,
          orgId: fx.orgId,
          usageId: first.id,
          amount: 10,
          idempotencyKey: randomId(),
        }),
      );
      expect((await fx.memberState(m.userId)).used).toBe(0);
    });

    it('refunded credits can be spent again', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 50 });
      const usage = await fx.consume(m.userId, 50);
      await ok(
        fx.allot.refund({
          actor: fx.system,
          orgId: fx.orgId,
          usageId: usage.id,
          amount: 20,
          idempotencyKey: randomId(),
        }),
      );
      await fx.consume(m.userId, 20);
      expect(await fx.memberState(m.userId)).toEqual({ allocated: 50, used: 50, remaining: 0 });
    });

    it('a removed member’s credits are returned, so usage before removal still counts as used', async () => {
      const fx = await kit.org({ monthlyPool: 100 });
      const m = await fx.member({ allocation: 100 });
      await fx.consume(m.userId, 40);
      await ok(fx.allot.removeMember({ actor: fx.admin, orgId: fx.orgId, userId: m.userId }));
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({ allocated: 40, unallocated: 60, used: 40 });
    });
  });
}
