import type { Allot, AllotStore, EventOptions, ManualClock } from '@allot/core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { checkInvariants } from '../invariants/check-invariants';
import type { ConformanceTarget } from '../types';
import { allotWithClock, createOrgFixture, type OrgFixture, type OrgOptions } from './org-fixture';

/** What every capability suite receives from {@link runConformanceSuite}. */
export interface SuiteContext {
  /** The shared store (available inside tests). */
  readonly store: AllotStore;
  /** A new organization for this test, checked for invariants after it. */
  org(options?: OrgOptions): Promise<OrgFixture>;
  /** An Allot with its own manual clock over the shared store (its dispatcher stops after the test). */
  allot(start?: string, events?: EventOptions | false): { allot: Allot; clock: ManualClock };
  /** Registers an organization created by hand for the after-test invariant check. */
  track(orgId: string): void;
}

/**
 * Registers the suite's lifecycle hooks (create the store before, destroy it after; after each
 * test, stop the event dispatchers it started and check the invariants of every organization it
 * created) and returns the context.
 */
export function createSuiteContext(target: ConformanceTarget): SuiteContext {
  let store: AllotStore | undefined;
  let created: string[] = [];
  let instances: Allot[] = [];

  beforeAll(async () => {
    store = await target.createStore();
  });

  afterAll(async () => {
    if (!store) return;
    if (target.destroyStore) await target.destroyStore(store);
    else await store.close?.();
  });

  afterEach(async () => {
    const orgIds = created;
    const allots = instances;
    created = [];
    instances = [];
    // Pending pool-alert checks finish before the invariants are read. A delivery round a commit
    // scheduled just before stop() may still start after it (a zero-delay timer), so let such
    // timers fire and wait for their rounds too, lest they take the next test's events.
    await Promise.all(allots.map((allot) => allot.events.stop()));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await Promise.all(allots.map((allot) => allot.events.stop()));
    if (!store) return;
    for (const orgId of orgIds) {
      expect(await checkInvariants(store, orgId), `invariants of organization ${orgId}`).toEqual([]);
    }
  });

  const context: SuiteContext = {
    get store() {
      if (!store) throw new Error('The store is created in beforeAll; use it inside a test.');
      return store;
    },
    org: (options) =>
      createOrgFixture(context.store, context.track, options, (allot) => {
        instances.push(allot);
      }),
    allot: (start, events) => {
      const made = allotWithClock(context.store, start, events);
      instances.push(made.allot);
      return made;
    },
    track: (orgId) => {
      if (!created.includes(orgId)) created.push(orgId);
    },
  };
  return context;
}
