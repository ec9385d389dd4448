import { runAllotMigrations } from '@allot/kysely';
import { Kysely, PostgresDialect } from 'kysely';
import { openPool, type PostgresConnection, type PostgresOptions, schemaOf } from './connection';

/**
 * Creates or updates the Allot schema and tables (kysely's Migrator, each migration in a
 * transaction, concurrent runs serialised by an advisory lock; running it again does nothing).
 * Resolves to the names of the migrations it applied. Run it before {@link createPostgresStore}.
 *
 * Rejects with an `Error` naming the failed migration when one fails (it is rolled back), with the
 * driver's error when the database cannot be reached, and with a `TypeError` for a bad `schema`.
 *
 * @example
 * ```ts
 * import { migrate } from '@allot/postgres';
 *
 * await migrate({ connectionString: process.env.DATABASE_URL! }, { schema: 'allot' });
 * ```
 */
export async function migrate(
  connection: PostgresConnection,
  options: PostgresOptions = {},
): Promise<string[]> {
  const schema = schemaOf(options);
  const { pool, owned } = openPool(connection);
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    return await runAllotMigrations(db, { dialect: 'postgres', schema });
  } finally {
    // Destroying kysely ends the pool: only when Allot created it.
    if (owned) await db.destroy();
  }
}
