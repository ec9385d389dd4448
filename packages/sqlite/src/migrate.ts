import { runAllotMigrations } from '@allot/kysely';
import { Kysely, SqliteDialect } from 'kysely';
import { openDatabase, type SqliteConnection, type SqliteOptions, tablePrefixOf } from './connection';
import { fileQueue } from './file-queue';

/**
 * Creates or updates the Allot tables (kysely's Migrator; running it again does nothing).
 * Resolves to the names of the migrations it applied. Run it before {@link createSqliteStore}.
 *
 * Rejects with an `Error` naming the failed migration when one fails (SQLite rolls it back), and
 * with a `TypeError` for a bad `tablePrefix`.
 *
 * @example
 * ```ts
 * import { migrate } from '@allot/sqlite';
 *
 * await migrate({ filename: 'allot.db' }); // ['0001_initial', '0002_holds_events'] the first time, [] afterwards
 * ```
 */
export async function migrate(connection: SqliteConnection, options: SqliteOptions = {}): Promise<string[]> {
  const tablePrefix = tablePrefixOf(options);
  const { database, owned } = openDatabase(connection, options);
  // Not destroyed afterwards: destroying kysely would close a database the caller owns.
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database }) });
  // Takes its turn with the stores open on the same file in this process (see fileQueue).
  const file = fileQueue(database);
  try {
    return await file.queue.run(() => runAllotMigrations(db, { dialect: 'sqlite', tablePrefix }));
  } finally {
    file.release();
    if (owned) database.close();
  }
}
