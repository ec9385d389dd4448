import type { AllotStore } from '@allot/core';
import { createSqlStore } from '@allot/kysely';
import { postgresBackend } from './backend';
import { openPool, type PostgresConnection, type PostgresOptions, schemaOf } from './connection';
import { postgresDialect } from './dialect';

/**
 * Options of {@link createPostgresStore}: those of `migrate()` plus retries, prepared statements and
 * the export batch size.
 *
 * @example
 * ```ts
 * const store = createPostgresStore(
 *   { connectionString: process.env.DATABASE_URL! },
 *   { schema: 'allot', maxAttempts: 8, preparedStatements: false }, // e.g. behind PgBouncer in transaction mode
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
}

/**
 * A store on PostgreSQL (`pg`). Commands lock only the rows they change (`SELECT … FOR UPDATE` on
 * the member for usage and refunds, the organization's pool row first for allocation changes)
 * and are retried on serialization failures and deadlocks. Exports stream through a server-side
 * cursor. Run {@link migrate} first.
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
  const { pool, owned } = openPool(connection);
  const backend = postgresBackend(pool, owned, {
    schema,
    maxAttempts: options.maxAttempts,
    preparedStatements: options.preparedStatements,
  });
  return createSqlStore(postgresDialect(schema), backend, { exportBatchSize: options.exportBatchSize });
}
