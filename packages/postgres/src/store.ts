import type { AllotStore } from '@allot/core';
import { createSqlStore } from '@allot/kysely';
import { postgresBackend } from './backend';
import { openPool, type PostgresConnection, type PostgresOptions, schemaOf } from './connection';
import { postgresDialect } from './dialect';
import { withReplicaReads } from './replica-reads';

/**
 * Options of {@link createPostgresStore}: those of `migrate()` plus retries, prepared statements,
 * the export batch size and a read replica.
 *
 * @example
 * ```ts
 * const store = createPostgresStore(
 *   { connectionString: process.env.DATABASE_URL! },
 *   {
 *     schema: 'allot',
 *     maxAttempts: 8,
 *     preparedStatements: false, // e.g. behind PgBouncer in transaction mode
 *     replica: { connectionString: process.env.REPLICA_DATABASE_URL! }, // lists, aggregates, exports
 *   },
 * );
 * ```
 */
export interface PostgresStoreOptions extends PostgresOptions {
  /** Total tries of a transaction that hits a serialization failure or deadlock. Default 5. */
  maxAttempts?: number;
  /**
   * Use named server-side prepared statements (parsed once per connection). Default `true`; turn
   * it off behind a pooler in transaction mode (PgBouncer before 1.21).
   */
  preparedStatements?: boolean;
  /** Rows fetched per round trip while streaming an export. Default 500. */
  exportBatchSize?: number;
  /**
   * A read-only connection, typically a streaming replica, for the plain reads behind
   * `overview`, `members`, `ledger`, `summary`, `exportCsv`, `requests` and `holds` (their lists,
   * totals and the export's cursor). They may then be as stale as the replica lags. Everything
   * else stays on the primary: every transaction (commands, and the period rollovers and hold
   * expiries those reads run first), idempotency keys, the lookups by id — so a member's own
   * `balance` right after a `consume` reads the primary —, the outbox, and `verifyJournal` /
   * `journalHead`, and the pool-alert check after a commit (it asks for the members' totals
   * `consistent`). With `synchronous_commit = remote_apply` and the replica as synchronous
   * standby, reads after a commit see it. A `pool` given here is never ended by Allot; one made from a
   * `connectionString` is ended by `close()`. Default: none, everything on the primary.
   */
  replica?: PostgresConnection;
}

/**
 * A store on PostgreSQL (`pg`). Commands lock only the rows they change (`SELECT … FOR UPDATE` on
 * the member for usage and refunds, the organization's pool row first for allocation changes)
 * and are retried on serialization failures and deadlocks. Exports stream through a server-side
 * cursor. Run {@link migrate} first.
 *
 * With `replica`, the lists, aggregates and exports of the dashboard reads go to a read-only
 * connection and everything else to the primary (see {@link PostgresStoreOptions.replica}).
 *
 * Throws a `TypeError` for a bad `schema`. It connects lazily: database failures reach callers as
 * `store_unavailable` errors (after the retries), never as exceptions.
 *
 * @example
 * ```ts
 * import { createAllot } from '@allot/core';
 * import { createPostgresStore, migrate } from '@allot/postgres';
 * import pg from 'pg';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await migrate({ pool });
 * const allot = createAllot({ store: createPostgresStore({ pool }) });
 * ```
 */
export function createPostgresStore(
  connection: PostgresConnection,
  options: PostgresStoreOptions = {},
): AllotStore {
  const schema = schemaOf(options);
  const dialect = postgresDialect(schema);
  const storeOn = (where: PostgresConnection) => {
    const { pool, owned } = openPool(where);
    const backend = postgresBackend(pool, owned, {
      schema,
      maxAttempts: options.maxAttempts,
      preparedStatements: options.preparedStatements,
    });
    return createSqlStore(dialect, backend, { exportBatchSize: options.exportBatchSize });
  };
  const primary = storeOn(connection);
  // Only the replica store's list reads are ever called: it runs no transaction.
  return options.replica ? withReplicaReads(primary, storeOn(options.replica)) : primary;
}
