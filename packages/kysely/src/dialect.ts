import {
  type DatabaseIntrospector,
  type DialectAdapter,
  DummyDriver,
  Kysely,
  type QueryCompiler,
  type RawBuilder,
} from 'kysely';
import type { AllotDatabase } from './database';

/**
 * What the shared queries and codecs need to know about one SQL dialect.
 *
 * @example
 * ```ts
 * const store = createSqlStore(dialect, backend); // dialect: a SqlDialect, e.g. the one @allot/postgres builds
 * ```
 */
export interface SqlDialect {
  readonly name: 'postgres' | 'sqlite';
  /**
   * A compile-only kysely instance (see {@link compileOnlyKysely}) already scoped to the store's
   * Postgres schema or SQLite table prefix. It never runs a query itself.
   */
  readonly db: Kysely<AllotDatabase>;
  /**
   * Whether rows can be locked with `SELECT … FOR UPDATE` (Postgres). Without it (SQLite) the
   * adapter's write transaction already excludes every other writer, so `lock*` are plain reads.
   */
  readonly rowLocks: boolean;
  /**
   * Whether one statement may write several tables through data-modifying CTEs
   * (`WITH a AS (INSERT …), b AS (INSERT …) SELECT 1`, Postgres). The store then writes a small
   * change set in one round trip.
   */
  readonly combinedWrites: boolean;
  /** A column compared byte by byte (`"C"` collation), whatever the database's default is. */
  binary(column: string): RawBuilder<unknown>;
  /** A time column's value as an ISO UTC string. */
  decodeTime(value: unknown): string;
  /** A JSON column's value as a JavaScript value. */
  decodeJson(value: unknown): unknown;
  /** True when `error` is a unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean;
}

/**
 * A kysely instance that only compiles queries (its driver never connects), for building
 * {@link template}s and DDL in a given dialect.
 *
 * @example
 * ```ts
 * import { SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
 *
 * const db = compileOnlyKysely({
 *   adapter: () => new SqliteAdapter(),
 *   compiler: () => new SqliteQueryCompiler(),
 *   introspector: (k) => new SqliteIntrospector(k),
 * });
 * ```
 */
export function compileOnlyKysely(parts: {
  adapter: () => DialectAdapter;
  compiler: () => QueryCompiler;
  introspector: (db: Kysely<AllotDatabase>) => DatabaseIntrospector;
}): Kysely<AllotDatabase> {
  return new Kysely<AllotDatabase>({
    dialect: {
      createAdapter: parts.adapter,
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => parts.introspector(db as Kysely<AllotDatabase>),
      createQueryCompiler: parts.compiler,
    },
  });
}
