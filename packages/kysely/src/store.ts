import type { AllotStore, JournalEntry, LedgerFilter, RequestStatus, Summary } from '@allot/core';
import {
  addToSummary,
  type Cursor,
  EMPTY_SUMMARY,
  type ListHoldsArgs,
  type ListJournalArgs,
  type ListJournalChainsArgs,
  type ListMembersArgs,
  type ListRequestsArgs,
  type OutboxEvent,
  storeReaderOf,
} from '@allot/core/port';
import type { SqlBackend } from './backend';
import { createCodec, int } from './codec';
import type { SqlDialect } from './dialect';
import {
  completeParams,
  containsPattern,
  createQueries,
  decodeRef,
  journalParams,
  REFS_PER_STATEMENT,
  SUMMARY_TYPES,
} from './queries';
import {
  type HoldRow,
  type JournalRow,
  type MemberRow,
  type RequestRow,
  SqlReader,
  type StoreContext,
} from './reader';
import type { Statement } from './template';
import { SqlTransaction } from './transaction';

/**
 * Options of {@link createSqlStore}.
 *
 * @example
 * ```ts
 * const store = createSqlStore(dialect, backend, { exportBatchSize: 1_000 });
 * ```
 */
export interface SqlStoreOptions {
  /** Rows fetched per round trip while streaming an export. Default 500. */
  exportBatchSize?: number;
}

/**
 * The storage port on any SQL database kysely compiles for: the dialect says how to write the
 * SQL, the backend how to run it. `@allot/sqlite` and `@allot/postgres` are both this function
 * with their own dialect and backend.
 *
 * @example
 * ```ts
 * const store = createSqlStore(sqliteDialect('allot_'), sqliteBackend(database));
 * const allot = createAllot({ store });
 * ```
 */
export function createSqlStore(
  dialect: SqlDialect,
  backend: SqlBackend,
  options: SqlStoreOptions = {},
): AllotStore {
  const ctx: StoreContext = { dialect, backend, q: createQueries(dialect), codec: createCodec(dialect) };
  const { q, codec } = ctx;
  const reader = new SqlReader(ctx, backend.reader);
  const batchSize = options.exportBatchSize ?? 500;

  async function rows<R>(statement: Statement): Promise<R[]> {
    return (await backend.reader.execute(statement)) as R[];
  }

  /** The statement of one page of requests or holds. */
  function newestFirst(table: 'requests' | 'holds', args: ListRequestsArgs | ListHoldsArgs): Statement {
    const { orgId, status, userId, after, limit } = args;
    return q.lists
      .newestFirst(table, status !== undefined, userId !== undefined, after !== undefined)
      .bind({ orgId, status, userId, afterAt: after?.at, afterId: after?.id, limit });
  }

  async function* streamJournal({ orgId, filter }: { orgId: string; filter: LedgerFilter }) {
    if (backend.cursor) {
      const statement = q.lists.journal(filter, false, false).bind(journalParams(orgId, filter));
      for await (const batch of backend.cursor(statement, batchSize)) {
        for (const row of batch) yield codec.journalEntry(row as JournalRow);
      }
      return;
    }
    let after: Cursor | undefined;
    for (;;) {
      const statement = q.lists
        .journal(filter, after !== undefined, true)
        .bind(journalParams(orgId, filter, after, batchSize));
      const batch = (await rows<JournalRow>(statement)).map(codec.journalEntry);
      yield* batch;
      const last = batch.at(-1);
      if (batch.length < batchSize || !last) return;
      after = { at: last.at, id: last.id };
    }
  }

  return {
    ...storeReaderOf(reader),

    transaction: (fn) => backend.transaction((session) => fn(new SqlTransaction(ctx, session))),
    uncertainCommits: backend.uncertainCommits ?? false,

    async listMembers({ orgId, search, includeRemoved, limit, offset }: ListMembersArgs) {
      const needle = search?.toLowerCase();
      const params = { orgId, pattern: needle ? containsPattern(needle) : undefined, limit, offset };
      const [items, counted] = await Promise.all([
        rows<MemberRow>(q.lists.members(Boolean(needle), includeRemoved, false).bind(params)),
        rows<{ count: unknown }>(q.lists.members(Boolean(needle), includeRemoved, true).bind(params)),
      ]);
      return { items: items.map(codec.member), total: int(counted[0]?.count ?? 0) };
    },

    async memberTotals({ orgId }) {
      const [row] = await rows<{ used: unknown; held: unknown; active: unknown }>(
        q.memberTotals.bind({ orgId }),
      );
      return { used: int(row?.used ?? 0), held: int(row?.held ?? 0), activeMembers: int(row?.active ?? 0) };
    },

    async countRequests({ orgId, status }: { orgId: string; status: RequestStatus }) {
      const [row] = await rows<{ count: unknown }>(q.countRequests.bind({ orgId, status }));
      return int(row?.count ?? 0);
    },

    async listRequests(args: ListRequestsArgs) {
      return (await rows<RequestRow>(newestFirst('requests', args))).map(codec.request);
    },

    async listHolds(args: ListHoldsArgs) {
      return (await rows<HoldRow>(newestFirst('holds', args))).map(codec.hold);
    },

    async listJournal({ orgId, filter, after, limit }: ListJournalArgs): Promise<JournalEntry[]> {
      const statement = q.lists
        .journal(filter, after !== undefined, true)
        .bind(journalParams(orgId, filter, after, limit));
      return (await rows<JournalRow>(statement)).map(codec.journalEntry);
    },

    async summarizeJournal({ orgId, filter }): Promise<Summary> {
      const [totals] = await rows<Record<(typeof SUMMARY_TYPES)[number], unknown>>(
        q.lists.summary(filter).bind(journalParams(orgId, filter)),
      );
      return SUMMARY_TYPES.reduce(
        (sum, type) => addToSummary(sum, { type, amount: int(totals?.[type] ?? 0) }),
        EMPTY_SUMMARY,
      );
    },

    streamJournal,

    async listJournalChains({ orgId, userId, after, limit }: ListJournalChainsArgs) {
      const scope = userId === undefined ? 'members' : userId === null ? 'organization' : 'member';
      const params = {
        orgId,
        userId: userId ?? undefined,
        afterUserId: after?.userId ?? undefined,
        afterSeq: after?.seq,
        afterId: after?.id,
        limit,
      };
      // Every member chain starts after the organization's: a position in it is no bound.
      const paged = after !== undefined && !(scope === 'members' && after.userId === null);
      const statement = q.chains.journal(scope, paged).bind(params);
      return (await rows<JournalRow>(statement)).map(codec.journalEntry);
    },

    async listMemberRecords({ orgId, after, limit }) {
      const statement = q.chains.members(after !== undefined).bind({ orgId, afterUserId: after, limit });
      return (await rows<MemberRow>(statement)).map(codec.member);
    },

    // Outbox writes are single statements, each atomic on its own: no lock is held across an await
    // (on SQLite it is its own write transaction, queued behind this store's transactions).
    async claimEvents({ now, leaseUntil, limit }): Promise<OutboxEvent[]> {
      if (limit <= 0) return [];
      const claimed = await rows<{ position: unknown; payload: unknown; attempts: unknown }>(
        q.outbox.claim.bind({ now, leaseUntil, limit }),
      );
      // RETURNING gives no order: back to insertion order.
      return claimed
        .map((row) => ({ position: BigInt(row.position as string | number | bigint), row }))
        .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0))
        .map(({ row }) => codec.outboxEvent(row));
    },

    async completeEvents({ refs }) {
      for (let start = 0; start < refs.length; start += REFS_PER_STATEMENT) {
        const chunk = refs.slice(start, start + REFS_PER_STATEMENT);
        await rows(q.outbox.complete(chunk.length).bind(completeParams(chunk)));
      }
    },

    async retryEvent({ ref, availableAt, error }) {
      await rows(q.outbox.retry.bind({ ...decodeRef(ref), availableAt, error }));
    },

    close: () => backend.close(),
  };
}
