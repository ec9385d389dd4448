import type { AllotStore } from '@allot/core';
import type { StoreTransaction } from '@allot/core/port';
import type fc from 'fast-check';

type AsyncMethods<T> = {
  [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof T];

const READS = [
  'getOrganization',
  'findOrganizationByDomain',
  'getMember',
  'getRequest',
  'getJournalEntry',
  'sumRefunds',
  'countAdmins',
  'getHold',
  'listActiveHolds',
] as const satisfies readonly AsyncMethods<StoreTransaction>[];

const TX_ONLY = [
  'lockIdempotencyKey',
  'lockIdempotencyKeys',
  'lockOrganization',
  'lockRequest',
  'lockPendingRequests',
  'lockMember',
  'lockAllMembers',
  'write',
] as const satisfies readonly AsyncMethods<StoreTransaction>[];

const STORE_ONLY = [
  'listMembers',
  'memberTotals',
  'countRequests',
  'listRequests',
  'listJournal',
  'listJournalChains',
  'listMemberRecords',
  'summarizeJournal',
  'listHolds',
  'claimEvents',
  'completeEvents',
  'retryEvent',
] as const satisfies readonly AsyncMethods<AllotStore>[];

/** Copies `names` from `source`, each call first waiting for the scheduler to let it through. */
function gated<T extends object>(
  source: T,
  names: readonly string[],
  s: fc.Scheduler,
  prefix: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const method = (source as Record<string, (...args: unknown[]) => Promise<unknown>>)[name];
    if (!method) continue;
    out[name] = async (...args: unknown[]) => {
      await s.schedule(Promise.resolve(), `${prefix}${name}`);
      return method.apply(source, args);
    };
  }
  return out;
}

/**
 * The same store, but every port call (inside and outside transactions) waits for the fast-check
 * scheduler, which releases waiting calls in a random order it can replay and shrink. Concurrent
 * commands therefore interleave in orders a real event loop would rarely produce.
 */
export function scheduledStore(store: AllotStore, s: fc.Scheduler): AllotStore {
  return {
    ...(gated(store, [...READS, ...STORE_ONLY], s, '') as unknown as AllotStore),
    streamJournal: (args) => store.streamJournal(args),
    transaction: async (fn) => {
      await s.schedule(Promise.resolve(), 'begin');
      return store.transaction((tx) =>
        fn(gated(tx, [...READS, ...TX_ONLY], s, 'tx.') as unknown as StoreTransaction),
      );
    },
  };
}
