import { type AllotStore, actors, createAllot, type StoreTransaction } from '@allot/core';
import { afterEach, describe, expect, it } from 'vitest';
import { fundedOrg } from '../support/org';
import { must, settle } from '../support/results';
import { openTarget, type Target } from '../support/targets';

/**
 * A store whose transactions run `interrupt` (once) just before their first `lockRequest`: after
 * the command has authorized its actor, before it locks any row the actor owns.
 */
function interruptedBeforeLockRequest(store: AllotStore, interrupt: () => Promise<void>): AllotStore {
  let pending: (() => Promise<void>) | null = interrupt;
  const interrupted = (tx: StoreTransaction): StoreTransaction =>
    new Proxy(tx, {
      get(target, name, receiver) {
        if (name !== 'lockRequest') return Reflect.get(target, name, receiver);
        return async (args: Parameters<StoreTransaction['lockRequest']>[0]) => {
          const run = pending;
          pending = null;
          await run?.();
          return target.lockRequest(args);
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
// removal and then wrote after it. SQLite runs one writer at a time, so the removal cannot land
// inside another command there; the check runs where it can: memory and Postgres.
describe.each(['memory', 'postgres'] as const)('a member removed mid-call (%s)', (adapter) => {
  let target: Target;
  afterEach(async () => target?.dispose());

  it('cannot cancel their request once the removal committed', async () => {
    target = await openTarget(adapter);
    const org = await fundedOrg(target.store, { members: 1, allocation: 10, monthlyPool: 100 });
    const member = actors.user(org.orgId, 'm0');
    const request = await must(org.allot.submitRequest({ actor: member, orgId: org.orgId, amount: 5 }));

    const racing = createAllot({
      store: interruptedBeforeLockRequest(target.store, async () => {
        await must(org.allot.removeMember({ actor: org.system, orgId: org.orgId, userId: 'm0' }));
      }),
    });
    const cancelled = await settle(
      racing.cancelRequest({ actor: member, orgId: org.orgId, requestId: request.id }),
    );

    expect(cancelled.ok ? 'ok' : cancelled.error.code).toBe('forbidden');
    const stored = await target.store.getRequest({ orgId: org.orgId, requestId: request.id });
    expect(stored?.status).toBe('pending');
    const approved = await settle(
      org.allot.approveRequest({ actor: org.system, orgId: org.orgId, requestId: request.id }),
    );
    expect(approved.ok ? 'ok' : approved.error.code).toBe('not_found');
  });
});
