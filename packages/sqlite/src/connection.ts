import Database from 'better-sqlite3';

/**
 * Where the SQLite store keeps its data: a file path (opened and closed by Allot) or your own handle.
 *
 * @example
 * ```ts
 * const file: SqliteConnection = { filename: 'credits.db' };
 * const handle: SqliteConnection = { database: new Database('app.db') }; // better-sqlite3, yours to close
 * ```
 */
export type SqliteConnection =
  | { /** Path of the database file (`:memory:` for a private in-memory database). */ filename: string }
  | { /** An open better-sqlite3 database; Allot never closes it. */ database: Database.Database };

/**
 * Options `migrate()` and the SQLite store share.
 *
 * A `tablePrefix` with anything but letters, digits and underscores throws a `TypeError`.
 *
 * @example
 * ```ts
 * await migrate({ filename: 'app.db' }, { tablePrefix: 'credits_', busyTimeoutMs: 10_000 });
 * ```
 */
export interface SqliteOptions {
  /** Prepended to every table, index and trigger name. Default `allot_`. */
  tablePrefix?: string;
  /** How long a write waits for another process's lock before failing (SQLITE_BUSY). Default 5000 ms. */
  busyTimeoutMs?: number;
}

/**
 * The table prefix the SQLite store and `migrate()` use unless told otherwise: `allot_`.
 *
 * @example
 * ```ts
 * createSqliteStore({ filename: 'app.db' }); // tables allot_members, allot_journal, …
 * ```
 */
export const DEFAULT_TABLE_PREFIX = 'allot_';

/** The table prefix, checked: letters, digits and underscores only. */
export function tablePrefixOf(options: SqliteOptions): string {
  const prefix = options.tablePrefix ?? DEFAULT_TABLE_PREFIX;
  if (!/^[A-Za-z0-9_]*$/.test(prefix)) {
    throw new TypeError(`tablePrefix may contain only letters, digits and underscores; got "${prefix}".`);
  }
  return prefix;
}

/**
 * Opens (or adopts) the database and sets it up for Allot: WAL journal (readers never block the
 * writer) and a busy timeout (writers from other processes wait instead of failing at once).
 */
export function openDatabase(
  connection: SqliteConnection,
  options: SqliteOptions,
): { database: Database.Database; owned: boolean } {
  const owned = 'filename' in connection;
  const database = owned ? new Database(connection.filename) : connection.database;
  database.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  if (!database.memory) database.pragma('journal_mode = WAL');
  return { database, owned };
}
