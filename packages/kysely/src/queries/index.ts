import type { SqlDialect } from '../dialect';
import { listQueries } from './lists';
import { recordQueries } from './records';
import { writeQueries } from './writes';

export { containsPattern, type JournalParams, journalParams, SUMMARY_TYPES } from './lists';
export { ROWS_PER_STATEMENT } from './writes';

/** Every statement the store runs, compiled for one dialect (and schema or table prefix). */
export function createQueries(dialect: SqlDialect) {
  return { ...recordQueries(dialect), lists: listQueries(dialect), writes: writeQueries(dialect) };
}

export type AllotQueries = ReturnType<typeof createQueries>;
