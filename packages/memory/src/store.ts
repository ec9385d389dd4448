import type { AllotStore, JournalEntry, LedgerFilter, Summary } from '@allot/core';
import {
  addToSummary,
  type Cursor,
  compareChainPositions,
  compareIds,
  compareNewestFirst,
  EMPTY_SUMMARY,
  isAfterCursor,
  type ListHoldsArgs,
  type ListJournalArgs,
  type ListJournalChainsArgs,
  type ListMembersArgs,
  type ListRequestsArgs,
  type MemberRecord,
  matchesLedgerFilter,
  type OutboxEvent,
  storeReaderOf,
} from '@allot/core/port';
import { KeyedMutex } from './keyed-mutex';
import { emptyState, type MemoryState } from './state';
import { copyHold, copyJson, copyMember, MemoryTransaction } from './transaction';

/**
 * The memory store, with its raw state exposed for tests and the testkit's invariant checks.
 *
 * @example
 * ```ts
 * const store: MemoryStore = createMemoryStore();
 * const allot = createAllot({ store });
 * store.state.journal.get(orgId)?.length; // entries written so far
 * ```
 */
export interface MemoryStore extends AllotStore {
  /** The committed state. Read it; never change it. */
  readonly state: MemoryState;
}

/** Requests or holds of one status and member, newest first, strictly after the cursor (not copied). */
function newestFirst<T extends { createdAt: string; id: string; status: string; userId: string }>(
  records: Iterable<T> | undefined,
  { status, userId, after, limit }: { status?: string; userId?: string; after?: Cursor; limit: number },
): T[] {
  return [...(records ?? [])]
    .filter(
      (r) => (status === undefined || r.status === status) && (userId === undefined || r.userId === userId),
    )
    .map((r) => ({ item: r, pos: { at: r.createdAt, id: r.id } }))
    .filter(({ pos }) => isAfterCursor(pos, after))
    .sort((a, b) => compareNewestFirst(a.pos, b.pos))
    .slice(0, limit)
    .map(({ item }) => item);
}

/**
 * Creates an in-memory store: the reference implementation of the storage port. It takes the
 * same row locks as the SQL adapters (per member for usage, the org's pool row for allocation
 * changes), so concurrent calls behave as they do on Postgres. State lives as long as the
 * object; nothing is persisted.
 *
 * @example
 * ```ts
 * import { createAllot } from '@allot/core';
 * import { createMemoryStore } from '@allot/memory';
 *
 * const allot = createAllot({ store: createMemoryStore() });
 * ```
 */
export function createMemoryStore(): MemoryStore {
  const state = emptyState();
  const mutex = new KeyedMutex();
  const reader = new MemoryTransaction(state, mutex);

  function journalMatching(orgId: string, filter: LedgerFilter): JournalEntry[] {
    const all = state.journal.get(orgId) ?? [];
    return all.filter((e) => matchesLedgerFilter(e, filter)).sort(compareNewestFirst);
  }

  return {
    state,
    ...storeReaderOf(reader),

    async transaction(fn) {
      const tx = new MemoryTransaction(state, mutex);
      try {
        const result = await fn(tx);
        tx.commit();
        return result;
      } finally {
        tx.releaseAll();
      }
    },

    async listMembers({ orgId, search, includeRemoved, limit, offset }: ListMembersArgs) {
      const needle = search?.toLowerCase();
      const all = [...(state.members.get(orgId)?.values() ?? [])]
        .filter((m) => includeRemoved || m.status === 'active')
        .filter((m) => !needle || m.name.toLowerCase().includes(needle) || m.email.includes(needle))
        .sort((a, b) => a.name.localeCompare(b.name) || (a.userId < b.userId ? -1 : 1));
      return {
        items: all.slice(offset, offset + limit).map((m): MemberRecord => copyMember(m)),
        total: all.length,
      };
    },

    async listMemberRecords({ orgId, after, limit }) {
      return [...(state.members.get(orgId)?.values() ?? [])]
        .filter((m) => after === undefined || compareIds(m.userId, after) > 0)
        .sort((a, b) => compareIds(a.userId, b.userId))
        .slice(0, limit)
        .map((m) => copyMember(m));
    },

    async memberTotals({ orgId }) {
      let used = 0;
      let held = 0;
      let activeMembers = 0;
      for (const m of state.members.get(orgId)?.values() ?? []) {
        used += m.used;
        if (m.status !== 'active') continue;
        held += m.held;
        activeMembers++;
      }
      return { used, held, activeMembers };
    },

    async countRequests({ orgId, status }) {
      let count = 0;
      for (const r of state.requests.get(orgId)?.values() ?? []) if (r.status === status) count++;
      return count;
    },

    async listRequests(args: ListRequestsArgs) {
      return newestFirst(state.requests.get(args.orgId)?.values(), args).map((r) => ({ ...r }));
    },

    async listHolds(args: ListHoldsArgs) {
      return newestFirst(state.holds.get(args.orgId)?.values(), args).map(copyHold);
    },

    async listJournal({ orgId, filter, after, limit }: ListJournalArgs) {
      return journalMatching(orgId, filter)
        .filter((e) => isAfterCursor(e, after))
        .slice(0, limit)
        .map((e) => ({ ...e }));
    },

    async summarizeJournal({ orgId, filter }): Promise<Summary> {
      let summary = EMPTY_SUMMARY;
      for (const e of state.journal.get(orgId) ?? [])
        if (matchesLedgerFilter(e, filter)) summary = addToSummary(summary, e);
      return summary;
    },

    async listJournalChains({ orgId, userId, after, limit }: ListJournalChainsArgs) {
      return (state.journal.get(orgId) ?? [])
        .filter((e) => (userId === undefined ? e.userId !== null : e.userId === userId))
        .filter((e) => !after || compareChainPositions(e, after) > 0)
        .sort(compareChainPositions)
        .slice(0, limit)
        .map((e) => ({ ...e }));
    },

    async *streamJournal({ orgId, filter }) {
      for (const e of journalMatching(orgId, filter)) yield { ...e };
    },

    async claimEvents({ now, leaseUntil, limit }) {
      // Synchronous from the first due event to the last: no other claimer can interleave.
      const claimed: OutboxEvent[] = [];
      for (const pending of state.outbox.values()) {
        if (claimed.length >= limit) break;
        if (pending.availableAt > now) continue;
        pending.availableAt = leaseUntil;
        pending.attempts += 1;
        claimed.push({
          event: copyJson(pending.event),
          attempts: pending.attempts,
          ref: pending.event.id,
        });
      }
      return claimed;
    },

    async completeEvents({ refs }) {
      for (const ref of refs) state.outbox.delete(ref);
    },

    async retryEvent({ ref, availableAt, error }) {
      const pending = state.outbox.get(ref);
      if (!pending) return;
      pending.availableAt = availableAt;
      pending.lastError = error;
    },

    async close() {},
  };
}
