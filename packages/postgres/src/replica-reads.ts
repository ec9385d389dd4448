import type { AllotStore } from '@allot/core';

/**
 * The store methods a Postgres store with a `replica` sends to it: the lists, aggregates and the
 * export behind `overview` (the members' totals and the pending-request count), `members`,
 * `ledger`, `summary`, `exportCsv`, `requests` and `holds`. Everything else reads or writes the
 * primary: every transaction (commands, and the period rollovers and hold expiries reads run
 * first), the lookups by id (a member's own `balance`, authorization, period checks), the
 * outbox, and the journal-chain reads of `verifyJournal` and `journalHead`.
 */
export const REPLICA_READS = [
  'listMembers',
  'memberTotals',
  'countRequests',
  'listRequests',
  'listHolds',
  'listJournal',
  'summarizeJournal',
  'streamJournal',
] as const satisfies readonly (keyof AllotStore)[];

/** `primary` with the {@link REPLICA_READS} of `replica`; `close()` closes both. */
export function withReplicaReads(primary: AllotStore, replica: AllotStore): AllotStore {
  return {
    ...primary,
    listMembers: (args) => replica.listMembers(args),
    // The pool alerts decide on these totals after a commit: they read the primary.
    memberTotals: (args) => (args.consistent ? primary : replica).memberTotals(args),
    countRequests: (args) => replica.countRequests(args),
    listRequests: (args) => replica.listRequests(args),
    listHolds: (args) => replica.listHolds(args),
    listJournal: (args) => replica.listJournal(args),
    summarizeJournal: (args) => replica.summarizeJournal(args),
    streamJournal: (args) => replica.streamJournal(args),
    async close() {
      const closed = await Promise.allSettled([primary.close?.(), replica.close?.()]);
      const failed = closed.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    },
  } satisfies Record<(typeof REPLICA_READS)[number], unknown> & AllotStore;
}
