import type { AllotStore } from '@allot/core';
import { createSqlStore } from '@allot/kysely';
import { sqliteBackend } from './backend';
import { openDatabase, type SqliteConnection, type SqliteOptions, tablePrefixOf } from './connection';
import { sqliteDialect } from './dialect';

/**
 * Options of {@link createSqliteStore}: those of `migrate()` plus the export batch size.
 *
 * @example
 * ```ts
 * const store = createSqliteStore({ filename: 'app.db' }, { tablePrefix: 'credits_', exportBatchSize: 1_000 });
 * ```
 */
export interface SqliteStoreOptions extends SqliteOptions {
  /** Journal rows read per batch while streaming an export. Default 500. */
  exportBatchSize?: number;
}

/**
 * A store on SQLite (better-sqlite3): WAL, a busy timeout, and every command in one
 * `BEGIN IMMEDIATE` transaction, run one at a time per database file in this process (several
 * stores on one file take turns; other processes wait on the busy timeout). Pass a file path to
 * let the store open and close the database, or your own `Database` (never closed by Allot).
 * Closing a store closes only its own connection. Run {@link migrate} first.
 *
 * Throws a `TypeError` for a bad `tablePrefix` and better-sqlite3's error when the file cannot be
 * opened. Later store failures (a lock held past `busyTimeoutMs`, a full disk) reach callers as
 * `store_unavailable` errors, never as exceptions.
 *
 * @example
 * ```ts
 * import { createAllot } from '@allot/core';
 * import { createSqliteStore, migrate } from '@allot/sqlite';
 *
 * await migrate({ filename: 'allot.db' });
 * const store = createSqliteStore({ filename: 'allot.db' });
 * const allot = createAllot({ store });
 * // … on shutdown:
 * await store.close?.();
 * ```
 */
export function createSqliteStore(
  connection: SqliteConnection,
  options: SqliteStoreOptions = {},
): AllotStore {
  const tablePrefix = tablePrefixOf(options);
  const { database, owned } = openDatabase(connection, options);
  return createSqlStore(sqliteDialect(tablePrefix), sqliteBackend(database, owned), {
    exportBatchSize: options.exportBatchSize,
  });
}
