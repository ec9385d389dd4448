import type { AllotStore, JournalEntry } from '@allot/core';
import type { HoldRecord, MemberRecord, OrganizationRecord } from '@allot/core/port';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { randomId } from '../harness/random';
import { ok } from '../harness/results';
import { checkInvariants } from '../invariants/check-invariants';

interface Tamper {
  journal?: (entries: JournalEntry[]) => JournalEntry[];
  member?: (member: MemberRecord) => MemberRecord;
  org?: (org: OrganizationRecord) => OrganizationRecord;
  hold?: (hold: HoldRecord) => HoldRecord;
}

/** A read-only view of `store` whose answers are altered, to prove the checker notices. */
function tampered(store: AllotStore, tamper: Tamper): AllotStore {
  return {
    getOrganization: async (args) => {
      const org = await store.getOrganization(args);
      return org && tamper.org ? tamper.org(org) : org;
    },
    listMembers: async (args) => {
      const page = await store.listMembers(args);
      return { ...page, items: page.items.map((m) => (tamper.member ? tamper.member(m) : m)) };
    },
    async *streamJournal(args) {
      const entries: JournalEntry[] = [];
      for await (const entry of store.streamJournal(args)) entries.push(entry);
      yield* tamper.journal ? tamper.journal(entries) : entries;
    },
    findOrganizationByDomain: (args) => store.findOrganizationByDomain(args),
    getMember: (args) => store.getMember(args),
    getRequest: (args) => store.getRequest(args),
    getJournalEntry: (args) => store.getJournalEntry(args),
    sumRefunds: (args) => store.sumRefunds(args),
    countAdmins: (args) => store.countAdmins(args),
    getHold: (args) => store.getHold(args),
    listActiveHolds: async (args) => {
      const holds = (await store.listActiveHolds(args)).map((h) => (tamper.hold ? tamper.hold(h) : h));
      return holds.filter((h) => h.status === 'active');
    },
    listHolds: async (args) => (await store.listHolds(args)).map((h) => (tamper.hold ? tamper.hold(h) : h)),
    claimEvents: (args) => store.claimEvents(args),
    completeEvents: (args) => store.completeEvents(args),
    retryEvent: (args) => store.retryEvent(args),
    transaction: (fn) => store.transaction(fn),
    memberTotals: (args) => store.memberTotals(args),
    countRequests: (args) => store.countRequests(args),
    listRequests: (args) => store.listRequests(args),
    listJournal: (args) => store.listJournal(args),
    summarizeJournal: (args) => store.summarizeJournal(args),
    listJournalChains: (args) => store.listJournalChains(args),
    listMemberRecords: (args) => store.listMemberRecords(args),
  };
}

/** The invariant checker itself: silent on a healthy organization, loud on a broken one. */
export function invariantCheckerSuite(kit: SuiteContext): void {
  describe('invariant checker', () => {
    async function busyOrg() {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      const usage = await fx.consume(m.userId, 30);
      await ok(
        fx.allot.refund({
          actor: fx.system,
          orgId: fx.orgId,
          usageId: usage.id,
          amount: 5,
          idempotencyKey: randomId(),
        }),
      );
      return { fx, m, usage };
    }

    async function rulesOf(store: AllotStore, orgId: string): Promise<string[]> {
      return [...new Set((await checkInvariants(store, orgId)).map((v) => v.rule))].sort();
    }

    it('finds nothing wrong with a healthy organization', async () => {
      const { fx } = await busyOrg();
      expect(await checkInvariants(kit.store, fx.orgId)).toEqual([]);
    });

    it('reports an organization that does not exist', async () => {
      expect(await rulesOf(kit.store, randomId('missing'))).toEqual(['organization-exists']);
    });

    it('reports a gap in a member’s chain', async () => {
      const { fx, usage } = await busyOrg();
      const store = tampered(kit.store, { journal: (es) => es.filter((e) => e.id !== usage.id) });
      expect(await rulesOf(store, fx.orgId)).toContain('member-chain-gapless');
    });

    it('reports a balanceAfter that does not follow from the amounts', async () => {
      const { fx, usage } = await busyOrg();
      const store = tampered(kit.store, {
        journal: (es) =>
          es.map((e) => (e.id === usage.id ? { ...e, balanceAfter: (e.balanceAfter ?? 0) + 1 } : e)),
      });
      expect(await rulesOf(store, fx.orgId)).toContain('member-chain-balance');
    });

    it('reports used that does not match the journal, and used above allocated', async () => {
      const { fx, m } = await busyOrg();
      const store = tampered(kit.store, {
        member: (x) => (x.userId === m.userId ? { ...x, used: 500 } : x),
      });
      const rules = await rulesOf(store, fx.orgId);
      expect(rules).toEqual(expect.arrayContaining(['member-used-matches-journal', 'member-used-range']));
    });

    it('reports a pool whose allocated disagrees with its members or exceeds the monthly pool', async () => {
      const { fx } = await busyOrg();
      const store = tampered(kit.store, { org: (o) => ({ ...o, allocated: o.monthlyPool + 1 }) });
      expect(await rulesOf(store, fx.orgId)).toEqual(
        expect.arrayContaining(['pool-allocated-sum', 'pool-within-monthly']),
      );
    });

    it('reports a usage key used twice and refunds above their usage', async () => {
      const { fx, usage } = await busyOrg();
      const store = tampered(kit.store, {
        journal: (es) => [
          ...es,
          { ...usage, id: randomId('dup'), seq: 99 },
          ...es.filter((e) => e.type === 'refund').map((e) => ({ ...e, id: randomId('r'), amount: 100 })),
        ],
      });
      expect(await rulesOf(store, fx.orgId)).toEqual(
        expect.arrayContaining(['idempotency-single-effect', 'refund-within-usage']),
      );
    });

    it('reports held that is not the sum of the active holds, and a hold whose journal disagrees', async () => {
      const { fx, m } = await busyOrg();
      await fx.reserve(m.userId, 10);
      const store = tampered(kit.store, {
        member: (x) => (x.userId === m.userId ? { ...x, held: x.held + 1 } : x),
        hold: (h) => ({ ...h, amount: h.amount + 2 }),
      });
      expect(await rulesOf(store, fx.orgId)).toEqual(
        expect.arrayContaining(['member-held-sum', 'hold-journal', 'member-conservation']),
      );
    });

    it('reports an active hold that the member’s expiry time does not cover', async () => {
      const { fx, m } = await busyOrg();
      await fx.reserve(m.userId, 10);
      const store = tampered(kit.store, {
        member: (x) => (x.userId === m.userId ? { ...x, holdsExpireAt: null } : x),
      });
      expect(await rulesOf(store, fx.orgId)).toEqual(['member-holds-expiry']);
    });

    it('reports a settled hold still listed as active and a capture without its usage', async () => {
      const { fx, m } = await busyOrg();
      const hold = await fx.reserve(m.userId, 10);
      await ok(
        fx.allot.capture({
          actor: fx.system,
          orgId: fx.orgId,
          holdId: hold.id,
          amount: 4,
          idempotencyKey: randomId(),
        }),
      );
      const store = tampered(kit.store, {
        journal: (es) => es.filter((e) => !(e.type === 'usage' && e.holdId === hold.id)),
      });
      expect(await rulesOf(store, fx.orgId)).toContain('hold-journal');
    });

    it('reports top-ups the journal does not account for, and an allocation beyond the topped-up pool', async () => {
      const { fx } = await busyOrg();
      await ok(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 50 }));
      expect(await checkInvariants(kit.store, fx.orgId)).toEqual([]);
      const store = tampered(kit.store, {
        org: (o) => ({ ...o, topUps: o.topUps + 1, allocated: o.monthlyPool + o.topUps + 2 }),
      });
      expect(await rulesOf(store, fx.orgId)).toEqual(
        expect.arrayContaining(['pool-top-ups', 'pool-within-monthly']),
      );
    });

    it('reports an org-level entry that moves credits, other than a positive top-up', async () => {
      const { fx } = await busyOrg();
      await ok(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 50 }));
      const store = tampered(kit.store, {
        journal: (es) => es.map((e) => (e.type === 'top_up' ? { ...e, amount: -50 } : e)),
      });
      expect(await rulesOf(store, fx.orgId)).toEqual(expect.arrayContaining(['org-entry-shape']));
    });

    it('reports a rollover that keeps usage, or scales one member but not another', async () => {
      const fx = await kit.org({ rolloverPolicy: 'carry' });
      const a = await fx.member({ allocation: 100 });
      const b = await fx.member({ allocation: 100 });
      await fx.consume(a.userId, 25);
      fx.clock.set('2026-04-02T00:00:00.000Z');
      await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(await checkInvariants(kit.store, fx.orgId)).toEqual([]);
      const keepsUsage = tampered(kit.store, {
        journal: (es) =>
          es.map((e) => (e.type === 'rollover' && e.userId === a.userId ? { ...e, balanceAfter: 75 } : e)),
        member: (x) => (x.userId === a.userId ? { ...x, allocated: 75 } : x),
      });
      expect(await rulesOf(keepsUsage, fx.orgId)).toContain('rollover-resets-usage');
      const overdrawn = tampered(kit.store, {
        journal: (es) =>
          es.map((e) => (e.type === 'rollover' && e.userId === b.userId ? { ...e, balanceAfter: 101 } : e)),
      });
      expect(await rulesOf(overdrawn, fx.orgId)).toContain('rollover-resets-usage');
    });

    it('sums exactly: a drift float addition would round away is still reported', async () => {
      const MAX = Number.MAX_SAFE_INTEGER;
      // As doubles 2 + (2^53 − 1) is 2^53, so a pool saying allocated 2^53 would look balanced.
      expect(2 + MAX).toBe(MAX + 1);
      const { fx, m } = await busyOrg();
      const allocations = tampered(kit.store, {
        member: (x) => ({ ...x, allocated: x.userId === m.userId ? MAX : 2 }),
        org: (o) => ({ ...o, allocated: MAX + 1 }),
      });
      expect(await rulesOf(allocations, fx.orgId)).toEqual(
        expect.arrayContaining(['pool-allocated-sum', 'safe-integer']),
      );

      // Three top-ups of 2^53 − 1: as doubles they add up to 27021597764222972, one short.
      const pooled = await kit.org({ monthlyPool: 0 });
      for (let i = 0; i < 3; i++)
        await ok(pooled.allot.topUp({ actor: pooled.system, orgId: pooled.orgId, amount: 1 }));
      expect(await checkInvariants(kit.store, pooled.orgId)).toEqual([]);
      const floatSum = MAX + MAX + MAX;
      expect(floatSum).toBe(27021597764222972);
      const topUps = tampered(kit.store, {
        journal: (es) => es.map((e) => (e.type === 'top_up' ? { ...e, amount: MAX } : e)),
        org: (o) => ({ ...o, topUps: floatSum }),
      });
      const violations = await checkInvariants(topUps, pooled.orgId);
      expect(violations).toContainEqual({
        rule: 'pool-top-ups',
        detail: `this period's top_up entries add 27021597764222973 but the pool says topUps ${floatSum}`,
      });
      expect(violations.map((v) => v.rule)).toContain('safe-integer');
    });

    it('reports a gap in the organization’s own chain', async () => {
      const { fx } = await busyOrg();
      await ok(fx.allot.updateSettings({ actor: fx.system, orgId: fx.orgId, monthlyPool: 5000 }));
      const store = tampered(kit.store, {
        journal: (es) => es.filter((e) => e.type !== 'organization_created'),
      });
      expect(await rulesOf(store, fx.orgId)).toContain('org-chain-gapless');
    });
  });
}
