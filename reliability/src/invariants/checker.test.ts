import type { AllotStore, JournalEntry } from '@allot/core';
import { createAllot, createManualClock } from '@allot/core';
import { createMemoryStore } from '@allot/memory';
import { checkInvariants } from '@allot/testkit';
import { describe, expect, it } from 'vitest';
import { fundedOrg } from '../support/org';
import { must } from '../support/results';

/** A read-only view of `store` whose journal is altered, to prove the checker notices. */
function withJournal(store: AllotStore, alter: (entries: JournalEntry[]) => JournalEntry[]): AllotStore {
  return {
    ...store,
    async *streamJournal(args) {
      const entries: JournalEntry[] = [];
      for await (const entry of store.streamJournal(args)) entries.push(entry);
      yield* alter(entries);
    },
  };
}

async function busyOrg() {
  const store = createMemoryStore();
  const clock = createManualClock('2026-03-10T12:00:00.000Z');
  const allot = createAllot({ store, clock: clock.now });
  const org = await fundedOrg(store, { members: 2, allocation: 100, monthlyPool: 500, allot });
  const usage = await must(
    allot.consume({ actor: org.system, orgId: org.orgId, userId: 'm0', amount: 30, idempotencyKey: 'use-1' }),
  );
  clock.advance(1000);
  await must(
    allot.refund({
      actor: org.system,
      orgId: org.orgId,
      usageId: usage.usage.id,
      amount: 5,
      idempotencyKey: 'ref-1',
    }),
  );
  await must(allot.submitRequest({ actor: org.system, orgId: org.orgId, userId: 'm1', amount: 10 }));
  return { store, allot, clock, org, usage: usage.usage };
}

async function rules(store: AllotStore, orgId: string, options?: Parameters<typeof checkInvariants>[2]) {
  return [...new Set((await checkInvariants(store, orgId, options)).map((v) => v.rule))].sort();
}

describe('checkInvariants: the rules this suite added', () => {
  it('is silent on a healthy organization, with its acknowledged writes', async () => {
    const { store, org, usage } = await busyOrg();
    expect(
      await checkInvariants(store, org.orgId, {
        acknowledged: { entryIds: [usage.id], idempotencyKeys: ['use-1'] },
      }),
    ).toEqual([]);
  });

  it('reports an entry type that moves credits it must not move, and a wrong sign', async () => {
    const { store, org } = await busyOrg();
    // A request entry that moves 7 credits, and a usage entry of amount 0.
    const tampered = withJournal(store, (es) =>
      es.map((e) => {
        if (e.type === 'request_submitted')
          return { ...e, amount: 7, balanceAfter: (e.balanceAfter ?? 0) + 7 };
        return e;
      }),
    );
    const zeroUsage = withJournal(store, (es) =>
      es.map((e) => (e.type === 'usage' ? { ...e, amount: 0 } : e)),
    );
    expect(await rules(zeroUsage, org.orgId)).toContain('entry-amount-by-type');
    expect(await rules(tampered, org.orgId)).toContain('entry-amount-by-type');
  });

  it('reports allocated and used that the typed journal does not conserve (a usage relabelled as a revocation)', async () => {
    const { store, org, usage } = await busyOrg();
    const tampered = withJournal(store, (es) =>
      es.map((e) => (e.id === usage.id ? { ...e, type: 'revocation' as const } : e)),
    );
    expect(await rules(tampered, org.orgId)).toContain('member-conservation');
  });

  it('reports an entry of an earlier period after one of this period, and a rollover that keeps usage', async () => {
    const { store, allot, clock, org } = await busyOrg();
    clock.set('2026-04-10T12:00:00.000Z');
    await must(allot.overview({ actor: org.system, orgId: org.orgId }));
    await must(
      allot.consume({ actor: org.system, orgId: org.orgId, userId: 'm1', amount: 1, idempotencyKey: 'late' }),
    );
    const backdated = withJournal(store, (es) =>
      es.map((e) => (e.idempotencyKey === 'late' ? { ...e, at: '2026-03-20T00:00:00.000Z' } : e)),
    );
    expect(await rules(backdated, org.orgId)).toContain('member-period-balance');
    const keepsUsage = withJournal(store, (es) =>
      es.map((e) => (e.type === 'rollover' && e.userId === 'm0' ? { ...e, balanceAfter: 75, amount: 0 } : e)),
    );
    expect(await rules(keepsUsage, org.orgId)).toContain('rollover-resets-usage');
  });

  it('reports one key on two commands (another time or actor), and a key on two effects', async () => {
    const { store, org, usage } = await busyOrg();
    const twoTimes = withJournal(store, (es) =>
      es.map((e) => (e.type === 'refund' ? { ...e, idempotencyKey: usage.idempotencyKey } : e)),
    );
    expect(await rules(twoTimes, org.orgId)).toContain('idempotency-single-effect');
  });

  it('reports an acknowledged write that is missing and a refused key that wrote', async () => {
    const { store, org } = await busyOrg();
    expect(
      await rules(store, org.orgId, {
        acknowledged: { entryIds: ['lost-entry'], idempotencyKeys: ['lost-key'] },
        rejectedKeys: ['use-1'],
      }),
    ).toEqual(['acknowledged-present', 'rejected-wrote-nothing']);
  });
});
