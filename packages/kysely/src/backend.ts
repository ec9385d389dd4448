import type { Statement } from './template';

/**
 * Runs statements on one connection (inside a transaction), or on any connection for plain reads.
 *
 * @example
 * ```ts
 * const session: SqlSession = {
 *   execute: async (statement) => (await client.query(statement.sql, [...statement.parameters])).rows,
 * };
 * ```
 */
export interface SqlSession {
  /** Runs one statement and resolves to its rows (an empty array when it returns none). */
  execute(statement: Statement): Promise<unknown[]>;
}

/**
 * What a dialect package supplies to {@link createSqlStore}: how to run statements, how to run a
 * transaction, and the dialect's own ways of serialising idempotency keys and streaming.
 *
 * @example
 * ```ts
 * const backend: SqlBackend = {
 *   reader: { execute: async (s) => pool.query(s.sql, [...s.parameters]).then((r) => r.rows) },
 *   transaction: (fn) => runInTransaction(pool, fn),
 *   close: async () => {},
 * };
 * ```
 */
export interface SqlBackend {
  /** Runs reads outside any transaction; they see committed data only. */
  readonly reader: SqlSession;
  /**
   * Runs `fn` in one database transaction on one connection: commits when it resolves, rolls
   * back and rethrows when it throws. May run `fn` again after a transient failure.
   */
  transaction<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * True when COMMIT can fail without saying whether it took effect (a server over a network);
   * `transaction` then throws `CommitOutcomeUnknown` for such a failure. See `AllotStore.uncertainCommits`.
   */
  readonly uncertainCommits?: boolean;
  /**
   * Makes transactions that use the same idempotency key run one after another, until the
   * calling transaction ends. Omit it when transactions are already serialised (SQLite).
   */
  lockKey?(session: SqlSession, orgId: string, key: string): Promise<void>;
  /**
   * Locks several keys as {@link lockKey} does, in the order given (one round trip where it can).
   * Without it the store calls `lockKey` once per key.
   */
  lockKeys?(session: SqlSession, orgId: string, keys: readonly string[]): Promise<void>;
  /**
   * Streams a statement's rows in batches in constant memory (Postgres: a server-side cursor).
   * Without it the store pages through the journal by keyset.
   */
  cursor?(statement: Statement, batchSize: number): AsyncIterable<unknown[]>;
  /** Releases what the backend opened itself. */
  close(): Promise<void>;
}
