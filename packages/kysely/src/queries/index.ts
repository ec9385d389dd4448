import type { SqlDialect } from '../dialect';
import { chainQueries } from './chains';
import { listQueries } from './lists';
import { outboxQueries } from './outbox';
import { recordQueries } from './records';
import { writeQueries } from './writes';

export { containsPattern, type JournalParams, journalParams, SUMMARY_TYPES } from './lists';
export { completeParams, decodeRef, REFS_PER_STATEMENT } from './outbox';
export { KEYS_PER_STATEMENT, keysParams, keysShape } from './records';
export { ROWS_PER_STATEMENT } from './writes';

/**
 * Every statement the store runs, compiled for one dialect (and schema or table prefix).
 *
 * @example
 * ```ts
 * const q = createQueries(dialect);
 * const statement = q.getMember.bind({ orgId: 'acme', userId: 'bob' }); // { sql, parameters, name }
 * ```
 */
export function createQueries(dialect: SqlDialect) {
  return {
    ...recordQueries(dialect),
    lists: listQueries(dialect),
    chains: chainQueries(dialect),
    writes: writeQueries(dialect),
    outbox: outboxQueries(dialect),
  };
}

/**
 * Every statement template of the store, as {@link createQueries} returns them.
 *
 * @example
 * ```ts
 * const q: AllotQueries = createQueries(dialect);
 * ```
 */
export type AllotQueries = ReturnType<typeof createQueries>;
