import type { JournalEntry } from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import type { OrgFixture } from '../harness/org-fixture';
import { randomId } from '../harness/random';
import { fails, ok } from '../harness/results';

const MINUTE = 60_000;

/** Two members with allocations, usage, a refund and a revocation, a minute apart each. */
async function history(fx: OrgFixture) {
  const a = await fx.member({ allocation: 100 });
  fx.clock.advance(MINUTE);
  const b = await fx.member({ allocation: 200 });
  fx.clock.advance(MINUTE);
  const usage = await fx.consume(a.userId, 30);
  fx.clock.advance(MINUTE);
  await fx.consume(b.userId, 50);
  fx.clock.advance(MINUTE);
  await ok(
    fx.allot.refund({
      actor: fx.system,
      orgId: fx.orgId,
      usageId: usage.id,
      amount: 10,
      idempotencyKey: randomId(),
    }),
  );
  fx.clock.advance(MINUTE);
  await ok(fx.allot.revoke({ actor: fx.admin, orgId: fx.orgId, userId: b.userId, amount: 40 }));
  return { a, b, usage };
}

function isNewestFirst(items: JournalEntry[]): boolean {
  return items.every(
    (e, i) => i === 0 || items[i - 1]!.at > e.at || (items[i - 1]!.at === e.at && items[i - 1]!.id > e.id),
  );
}

/** requests listing, the ledger with its filters and cursor, and the summary. */
export function readsLedgerSuite(kit: SuiteContext): void {
  describe('reads: requests, ledger & summary', () => {
    it('requests lists newest first and filters pending / all', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const first = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 1 }));
      fx.clock.advance(MINUTE);
      const second = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 2 }));
      fx.clock.advance(MINUTE);
      const third = await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 3 }));
      await ok(fx.allot.rejectRequest({ actor: fx.admin, orgId: fx.orgId, requestId: second.id }));
      const all = await ok(fx.allot.requests({ actor: fx.admin, orgId: fx.orgId }));
      expect(all.items.map((r) => r.id)).toEqual([third.id, second.id, first.id]);
      expect(all.nextCursor).toBeNull();
      const pending = await ok(fx.allot.requests({ actor: fx.admin, orgId: fx.orgId, status: 'pending' }));
      expect(pending.items.map((r) => r.id)).toEqual([third.id, first.id]);
      const rejected = await ok(fx.allot.requests({ actor: fx.admin, orgId: fx.orgId, status: 'rejected' }));
      expect(rejected.items.map((r) => r.id)).toEqual([second.id]);
    });

    it('requests pages with a cursor without repeating or skipping', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.unshift(
          (await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: i + 1 }))).id,
        );
        if (i % 2 === 0) fx.clock.advance(MINUTE);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await ok(fx.allot.requests({ actor: fx.admin, orgId: fx.orgId, limit: 2, cursor }));
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(ids);
    });

    it('an admin can list one member’s requests', async () => {
      const fx = await kit.org();
      const a = await fx.member();
      const b = await fx.member();
      await ok(fx.allot.submitRequest({ actor: a.actor, orgId: fx.orgId, amount: 1 }));
      const mine = await ok(fx.allot.submitRequest({ actor: b.actor, orgId: fx.orgId, amount: 1 }));
      const page = await ok(fx.allot.requests({ actor: fx.admin, orgId: fx.orgId, userId: b.userId }));
      expect(page.items.map((r) => r.id)).toEqual([mine.id]);
    });

    it('the ledger lists every entry newest first', async () => {
      const fx = await kit.org();
      await history(fx);
      const page = await ok(fx.allot.ledger({ actor: fx.admin, orgId: fx.orgId, limit: 500 }));
      expect(page.items.length).toBe(await fx.count());
      expect(isNewestFirst(page.items)).toBe(true);
      expect(page.items[0]?.type).toBe('revocation');
      expect(page.items.at(-1)?.type).toBe('organization_created');
    });

    it('the ledger filters by user', async () => {
      const fx = await kit.org();
      const { a } = await history(fx);
      const page = await ok(
        fx.allot.ledger({ actor: fx.admin, orgId: fx.orgId, filter: { userId: a.userId } }),
      );
      expect(page.items.map((e) => e.type)).toEqual(['refund', 'usage', 'allocation', 'member_enrolled']);
      expect(page.items.every((e) => e.userId === a.userId)).toBe(true);
    });

    it('the ledger filters by one event type', async () => {
      const fx = await kit.org();
      await history(fx);
      const page = await ok(fx.allot.ledger({ actor: fx.admin, orgId: fx.orgId, filter: { type: 'usage' } }));
      expect(page.items.map((e) => e.amount)).toEqual([-50, -30]);
    });

    it('the ledger filters by several event types, as a list or comma-separated', async () => {
      const fx = await kit.org();
      await history(fx);
      const list = await ok(
        fx.allot.ledger({ actor: fx.admin, orgId: fx.orgId, filter: { type: ['refund', 'revocation'] } }),
      );
      expect(list.items.map((e) => e.type)).toEqual(['revocation', 'refund']);
      const csv = await ok(
        fx.allot.ledger({ actor: fx.admin, orgId: fx.orgId, filter: { type: 'refund, revocation' } }),
      );
      expect(csv.items.map((e) => e.id)).toEqual(list.items.map((e) => e.id));
    });

    it('the ledger filters by date range: from inclusive, to exclusive', async () => {
      const fx = await kit.org();
      await history(fx);
      const usages = await fx.journal({ type: ['usage'] });
      const [second, first] = usages;
      const page = await ok(
        fx.allot.ledger({ actor: fx.admin, orgId: fx.orgId, filter: { from: first!.at, to: second!.at } }),
      );
      expect(page.items.map((e) => e.id)).toEqual([first!.id]);
      const dateOnly = await ok(
        fx.allot.ledger({
          actor: fx.admin,
          orgId: fx.orgId,
          filter: { from: '2026-03-11', to: '2026-03-12' },
        }),
      );
      expect(dateOnly.items).toEqual([]);
      const asDates = await ok(
        fx.allot.ledger({
          actor: fx.admin,
          orgId: fx.orgId,
          filter: { from: new Date(second!.at), type: ['usage'] },
        }),
      );
      expect(asDates.items.map((e) => e.id)).toEqual([second!.id]);
    });

    it('the ledger combines user, type and date filters', async () => {
      const fx = await kit.org();
      const { b } = await history(fx);
      const page = await ok(
        fx.allot.ledger({
          actor: fx.admin,
          orgId: fx.orgId,
          filter: { userId: b.userId, type: ['usage', 'revocation'], from: '2026-03-10T12:03:00.000Z' },
        }),
      );
      expect(page.items.map((e) => e.type)).toEqual(['revocation', 'usage']);
    });

    it('the ledger pages with a cursor over entries sharing one timestamp without repeats or gaps', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      for (let i = 0; i < 7; i++) await fx.consume(m.userId, 1);
      const all = await fx.journal();
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await ok(fx.allot.ledger({ actor: fx.admin, orgId: fx.orgId, limit: 3, cursor }));
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      expect(seen).toEqual(all.map((e) => e.id));
      expect(pages).toBe(Math.ceil(all.length / 3));
    });

    it('the ledger cursor keeps its filter', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      for (let i = 0; i < 5; i++) {
        await fx.consume(m.userId, 1);
        fx.clock.advance(MINUTE);
      }
      const first = await ok(
        fx.allot.ledger({ actor: fx.admin, orgId: fx.orgId, filter: { type: 'usage' }, limit: 3 }),
      );
      expect(first.nextCursor).not.toBeNull();
      const rest = await ok(
        fx.allot.ledger({
          actor: fx.admin,
          orgId: fx.orgId,
          filter: { type: 'usage' },
          limit: 3,
          cursor: first.nextCursor!,
        }),
      );
      expect([...first.items, ...rest.items].map((e) => e.type)).toEqual(Array(5).fill('usage'));
      expect(rest.nextCursor).toBeNull();
    });

    it('a cursor Allot did not make is validation on cursor', async () => {
      const fx = await kit.org();
      const error = await fails(
        fx.allot.ledger({ actor: fx.admin, orgId: fx.orgId, cursor: 'not a cursor!' }),
        'validation',
      );
      expect(error.issues.map((i) => i.path)).toContain('cursor');
      const requests = await fails(
        fx.allot.requests({ actor: fx.admin, orgId: fx.orgId, cursor: '@@' }),
        'validation',
      );
      expect(requests.issues.map((i) => i.path)).toContain('cursor');
    });

    it('summary totals usage, allocated, revoked and refunded as positive numbers', async () => {
      const fx = await kit.org();
      await history(fx);
      const summary = await ok(fx.allot.summary({ actor: fx.admin, orgId: fx.orgId }));
      expect(summary).toEqual({ usage: 80, allocated: 300, revoked: 40, refunded: 10 });
    });

    it('summary honours the same filters as the ledger', async () => {
      const fx = await kit.org();
      const { a, b } = await history(fx);
      expect(
        await ok(fx.allot.summary({ actor: fx.admin, orgId: fx.orgId, filter: { userId: a.userId } })),
      ).toEqual({
        usage: 30,
        allocated: 100,
        revoked: 0,
        refunded: 10,
      });
      expect(
        await ok(
          fx.allot.summary({ actor: fx.admin, orgId: fx.orgId, filter: { userId: b.userId, type: 'usage' } }),
        ),
      ).toEqual({ usage: 50, allocated: 0, revoked: 0, refunded: 0 });
      expect(
        await ok(
          fx.allot.summary({
            actor: fx.admin,
            orgId: fx.orgId,
            filter: { from: '2026-03-10T12:02:00.000Z' },
          }),
        ),
      ).toEqual({ usage: 80, allocated: 0, revoked: 40, refunded: 10 });
    });
  });
}
