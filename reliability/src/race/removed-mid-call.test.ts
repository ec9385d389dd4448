import { type AllotStore, actors, createAllot } from '@allot/core';
import type { StoreTransaction } from '@allot/core/port';
import { afterEach, describe, expect, it } from 'vitest';
import { fundedOrg } from '../support/org';
import { must, settle } from '../support/results';
import { openTarget, type Target } from '../support/targets';

/**
 * A store whose transactions run `interrupt` (once) just before their first `lockMember`: after
 * the command has authorized its actor and read the request, before it locks any row the actor
 * owns (a cancel locks the member, then the request).
 */
function interruptedBeforeLockMember(store: AllotStore, interrupt: () => Promise<void>): AllotStore {
  let pending: (() => Promise<void>) | null = interrupt;
  const interrupted = (tx: StoreTransaction): StoreTransaction =>
    new Proxy(tx, {
      get(target, name, receiver) {
        if (name !== 'lockMember') return Reflect.get(target, name, receiver);
        return async (args: Parameters<StoreTransaction['lockMember']>[0]) => {
          const run = pending;
          pending = null;
          await run?.();
          return target.lockMember(args);
        };
      },
    });
  return new Proxy(store, {
    get(target, name, receiver) {
      if (name !== 'transaction') return Reflect.get(target, name, receiver);
      const transaction: AllotStore['transaction'] = (work) =>
        target.transaction((tx) => work(interrupted(tx)));
      return transaction;
    },
  });
}

// The found case (race test, seed -313707750): remove(u3) → ok, approve(u3's request) → not_found,
// cancel(u3's request, by u3) → ok. No serial order explains it: the cancel authorized u3 before the
// removal and then wrote after it. Since then a removal also cancels the member's pending requests
// (reason "Member removed"), so the approval answers request_not_pending. SQLite runs one writer at a time, so the removal cannot land
// inside another command there; the check runs where it can: memory and Postgres.
describe.each(['memory', 'postgres'] as const)('a member removed mid-call (%s)', (adapter) => {
  let target: Target;
  afterEach(async () => target?.dispose());

  it('cannot cancel their request once the removal committed (which cancelled it)', async () => {
    target = await openTarget(adapter);
    const org = await fundedOrg(target.store, { members: 1, allocation: 10, monthlyPool: 100 });
    const member = actors.user(org.orgId, 'm0');
    const request = await must(org.allot.submitRequest({ actor: member, orgId: org.orgId, amount: 5 }));

    const racing = createAllot({
      store: interruptedBeforeLockMember(target.store, async () => {
        await must(org.allot.removeMember({ actor: org.system, orgId: org.orgId, userId: 'm0' }));
      }),
    });
    const cancelled = await settle(
      racing.cancelRequest({ actor: member, orgId: org.orgId, requestId: request.id }),
    );

    expect(cancelled.ok ? 'ok' : cancelled.error.code).toBe('forbidden');
    const stored = await target.store.getRequest({ orgId: org.orgId, requestId: request.id });
    expect(stored).toMatchObject({ status: 'cancelled', reason: 'Member removed', decidedBy: 'system' });
    const approved = await settle(
      org.allot.approveRequest({ actor: org.system, orgId: org.orgId, requestId: request.id }),
    );
    expect(approved.ok ? 'ok' : approved.error.code).toBe('request_not_pending');
    const overview = await must(org.allot.overview({ actor: org.system, orgId: org.orgId }));
    expect(overview.pendingRequests).toBe(0);
  });
});
