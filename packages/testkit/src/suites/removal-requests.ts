import type { AllotStore } from '@allot/core';
import type { StoreTransaction } from '@allot/core/port';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { createOrgFixture, type MemberFixture, type OrgFixture } from '../harness/org-fixture';
import { codes, fails, ok, settle } from '../harness/results';
import { checkInvariants } from '../invariants/check-invariants';

/** The store, counting its transactions and the runs of their callbacks (a retry runs one again). */
function countingStore(store: AllotStore): { store: AllotStore; transactions: number; runs: number } {
  const counts = { store, transactions: 0, runs: 0 };
  counts.store = new Proxy(store, {
    get(target, name, receiver) {
      if (name !== 'transaction') return Reflect.get(target, name, receiver);
      const transaction: AllotStore['transaction'] = (work) => {
        counts.transactions++;
        return target.transaction((tx: StoreTransaction) => {
          counts.runs++;
          return work(tx);
        });
      };
      return transaction;
    },
  });
  return counts;
}

/** Submits `amounts` as requests of `m`, in order. */
async function submitAll(fx: OrgFixture, m: MemberFixture, amounts: number[]) {
  const out = [];
  for (const amount of amounts) {
    out.push(await ok(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount })));
  }
  return out;
}

/** Removing a member closes their pending requests in the same transaction. */
export function removalRequestsSuite(kit: SuiteContext): void {
  describe('removal closes pending requests', () => {
    it('cancels them (journaled and announced like cancels); pendingRequests drops; approving one is request_not_pending', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const other = await fx.member();
      const [r1, r2, decided] = await submitAll(fx, m, [40, 10, 5]);
      if (!r1 || !r2 || !decided) throw new Error('three requests were submitted');
      await ok(fx.allot.rejectRequest({ actor: fx.admin, orgId: fx.orgId, requestId: decided.id }));
      const [kept] = await submitAll(fx, other, [7]);
      const overview = () => ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect((await overview()).pendingRequests).toBe(3);
      const log = fx.record();
      const before = (await log.flush()).length;

      await ok(fx.allot.removeMember({ actor: fx.admin, orgId: fx.orgId, userId: m.userId }));

      expect((await overview()).pendingRequests).toBe(1);
      for (const r of [r1, r2]) {
        expect(await fx.store.getRequest({ orgId: fx.orgId, requestId: r.id })).toMatchObject({
          status: 'cancelled',
          reason: 'Member removed',
          decidedBy: `user:${fx.adminId}`,
          decidedAt: expect.any(String),
        });
      }
      expect((await fx.store.getRequest({ orgId: fx.orgId, requestId: decided.id }))?.status).toBe(
        'rejected',
      );
      expect((await fx.store.getRequest({ orgId: fx.orgId, requestId: kept?.id ?? '' }))?.status).toBe(
        'pending',
      );
      const journal = await fx.journal({ userId: m.userId });
      expect(journal.slice(0, 4).map((e) => [e.type, e.amount, e.requestId])).toEqual([
        ['member_removed', 0, null],
        ['revocation', -100, null],
        ['request_cancelled', 0, r2.id],
        ['request_cancelled', 0, r1.id],
      ]);
      const pending = await ok(fx.allot.requests({ actor: fx.admin, orgId: fx.orgId, status: 'pending' }));
      expect(pending.items.map((r) => r.id)).toEqual([kept?.id]);

      await fails(
        fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId: r1.id }),
        'request_not_pending',
      );
      await fails(
        fx.allot.rejectRequest({ actor: fx.admin, orgId: fx.orgId, requestId: r2.id }),
        'request_not_pending',
      );
      await fails(fx.allot.cancelRequest({ actor: m.actor, orgId: fx.orgId, requestId: r1.id }), 'forbidden');

      const events = (await log.flush()).slice(before);
      const closed = events.flatMap((e) =>
        e.type === 'request.decided' ? [[e.request.id, e.request.status]] : [],
      );
      expect(closed.sort()).toEqual(
        [
          [r1.id, 'cancelled'],
          [r2.id, 'cancelled'],
        ].sort(),
      );
      const cancelEntries = events.flatMap((e) =>
        e.type === 'journal.entry' && e.entry.type === 'request_cancelled' ? [e.entry.requestId] : [],
      );
      expect(cancelEntries.sort()).toEqual([r1.id, r2.id].sort());
    });

    it('a member removed with no pending request writes no request change', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const [r] = await submitAll(fx, m, [5]);
      await ok(fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId: r?.id ?? '' }));
      await ok(fx.allot.removeMember({ actor: fx.admin, orgId: fx.orgId, userId: m.userId }));
      expect((await fx.store.getRequest({ orgId: fx.orgId, requestId: r?.id ?? '' }))?.status).toBe(
        'approved',
      );
      const types = (await fx.journal({ userId: m.userId })).map((e) => e.type);
      expect(types).not.toContain('request_cancelled');
    });

    it('removals racing approvals, rejections, cancels and submissions of the same member: no deadlock or retry, each request closed once', async () => {
      const counted = countingStore(kit.store);
      const fx = await createOrgFixture(counted.store, kit.track, { monthlyPool: 1_000_000, events: false });
      const seen: Record<string, Record<string, number>> = {};
      const tally = (name: string, results: { ok: boolean; error?: { code: string } }[]) => {
        const into = seen[name] ?? {};
        seen[name] = into;
        for (const [code, n] of Object.entries(codes(results))) into[code] = (into[code] ?? 0) + n;
      };
      for (let round = 0; round < 12; round++) {
        const members = [await fx.member({ allocation: 50 }), await fx.member({ allocation: 50 })];
        const requests = [];
        for (const m of members) requests.push(...(await submitAll(fx, m, [5, 6, 7, 8])));
        const owner = (i: number) => members[Math.floor(i / 4)] as MemberFixture;
        type Outcome = { ok: boolean; error?: { code: string } };
        const byRequest = (i: number, requestId: string): [string, () => Promise<Outcome>] => {
          const call = { orgId: fx.orgId, requestId };
          switch (i % 4) {
            case 0:
            case 1:
              return ['approve', () => settle(fx.allot.approveRequest({ actor: fx.admin, ...call }))];
            case 2:
              return ['reject', () => settle(fx.allot.rejectRequest({ actor: fx.admin, ...call }))];
            default:
              return ['cancel', () => settle(fx.allot.cancelRequest({ actor: owner(i).actor, ...call }))];
          }
        };
        const calls: [string, () => Promise<Outcome>][] = [
          ...members.map((m): [string, () => Promise<Outcome>] => [
            'remove',
            () => settle(fx.allot.removeMember({ actor: fx.admin, orgId: fx.orgId, userId: m.userId })),
          ]),
          ...requests.map((r, i) => byRequest(i, r.id)),
          ...members.map((m): [string, () => Promise<Outcome>] => [
            'submit',
            () => settle(fx.allot.submitRequest({ actor: m.actor, orgId: fx.orgId, amount: 3 })),
          ]),
        ];
        // A different start order each round: removals first, last, and in between.
        const shift = (round * 5) % calls.length;
        const order = [...calls.slice(shift), ...calls.slice(0, shift)];
        const results = await Promise.all(order.map(([, start]) => start()));
        for (const [i, [name]] of order.entries()) tally(name, [results[i] as Outcome]);

        for (const m of members) {
          const left = await ok(
            fx.allot.requests({ actor: fx.admin, orgId: fx.orgId, status: 'pending', userId: m.userId }),
          );
          expect(left.items).toEqual([]);
          const closings = (await fx.journal({ userId: m.userId })).filter(
            (e) => e.requestId !== null && e.type !== 'request_submitted',
          );
          const perRequest = new Map<string, number>();
          for (const e of closings)
            perRequest.set(e.requestId ?? '', (perRequest.get(e.requestId ?? '') ?? 0) + 1);
          expect([...perRequest.values()].every((n) => n === 1)).toBe(true);
        }
      }
      expect(seen.remove).toEqual({ ok: 24 });
      for (const [name, allowed] of [
        ['approve', ['ok', 'request_not_pending']],
        ['reject', ['ok', 'request_not_pending']],
        ['cancel', ['ok', 'forbidden', 'request_not_pending']],
        ['submit', ['ok', 'forbidden', 'not_found']],
      ] as const) {
        for (const code of Object.keys(seen[name] ?? {}))
          expect(allowed, `${name} answered ${code}`).toContain(code);
      }
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).pendingRequests).toBe(0);
      expect(counted.runs, 'transactions run again (a deadlock or serialization retry)').toBe(
        counted.transactions,
      );
      expect(await checkInvariants(kit.store, fx.orgId)).toEqual([]);
    }, 60_000);
  });
}
