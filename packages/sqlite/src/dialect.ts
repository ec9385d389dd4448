import { compileOnlyKysely, type SqlDialect, TablePrefixPlugin } from '@allot/kysely';
import { SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, sql } from 'kysely';

/** Unique and primary-key violations as better-sqlite3 reports them. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The SQLite dialect of the shared Allot queries: ISO text times, JSON text, no row locks. */
export function sqliteDialect(tablePrefix: string): SqlDialect {
  const db = compileOnlyKysely({
    adapter: () => new SqliteAdapter(),
    compiler: () => new SqliteQueryCompiler(),
    introspector: (k) => new SqliteIntrospector(k),
  }).withPlugin(new TablePrefixPlugin(tablePrefix));
  return {
    name: 'sqlite',
    db,
    rowLocks: false,
    combinedWrites: false,
    // SQLite's default collation (BINARY) already compares byte by byte.
    binary: (column) => sql`${sql.ref(column)}`,
    decodeTime: (value) => String(value),
    decodeJson: (value) => JSON.parse(String(value)),
    isUniqueViolation,
  };
}
