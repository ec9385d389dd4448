import pg from 'pg';

/**
 * Where the Postgres store connects: your own `pg` Pool (never ended by Allot) or a connection string.
 *
 * @example
 * ```ts
 * const shared: PostgresConnection = { pool }; // a pg.Pool you own and end
 * const owned: PostgresConnection = { connectionString: process.env.DATABASE_URL!, poolConfig: { max: 20 } };
 * ```
 */
export type PostgresConnection =
  | { /** A pool you own; Allot borrows connections and never ends it. */ pool: pg.Pool }
  | {
      /** `postgres://user:password@host:5432/database`; Allot creates the pool and ends it on `close()`. */
      connectionString: string;
      /** Extra settings for the pool Allot creates (size, timeouts, TLS). */
      poolConfig?: Omit<pg.PoolConfig, 'connectionString'>;
    };

/**
 * Options `migrate()` and the Postgres store share.
 *
 * A `schema` that is not a plain identifier throws a `TypeError`.
 *
 * @example
 * ```ts
 * await migrate({ pool }, { schema: 'credits' });
 * ```
 */
export interface PostgresOptions {
  /** The schema that holds the Allot tables. Default `allot`. */
  schema?: string;
}

/**
 * The schema the Postgres store and `migrate()` use unless told otherwise: `allot`.
 *
 * @example
 * ```ts
 * createPostgresStore({ pool }); // tables allot.members, allot.journal, …
 * ```
 */
export const DEFAULT_SCHEMA = 'allot';

/** The schema name, checked: a plain identifier (letters, digits, underscores; at most 63 bytes). */
export function schemaOf(options: PostgresOptions): string {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError(`schema must be a plain identifier (letters, digits, underscores); got "${schema}".`);
  }
  return schema;
}

/** The pool to use and whether Allot created it (and so must end it). */
export function openPool(connection: PostgresConnection): { pool: pg.Pool; owned: boolean } {
  if ('pool' in connection) return { pool: connection.pool, owned: false };
  const pool = new pg.Pool({ ...connection.poolConfig, connectionString: connection.connectionString });
  // An idle client that loses its connection emits 'error' on the pool; without a listener that
  // would crash the process. The pool drops the client and the next checkout opens a new one.
  pool.on('error', () => {});
  return { pool, owned: true };
}
