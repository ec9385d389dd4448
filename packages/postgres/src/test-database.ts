// Test support for this package's own tests (not exported, not published).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testPostgresUrl } from 'test-env';

/** A Postgres database for one test file: its own schema on the run's server. */
export interface TestDatabase {
  pool: pg.Pool;
  /** A fresh `allot_test_<random>` schema, dropped by {@link TestDatabase.dispose}. */
  schema: string;
  url: string;
  /** A fresh random schema name (for tests that need one more). */
  newSchema(): string;
  /** Drops every schema handed out and ends the pool. */
  dispose(): Promise<void>;
}

/** Connects to the run's server (ALLOT_TEST_PG_URL, see test-env) with a pool of `max` connections. */
export async function openTestDatabase(max = 20): Promise<TestDatabase> {
  const url = testPostgresUrl();
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {});
  const schemas: string[] = [];
  const newSchema = () => {
    const schema = `allot_test_${randomBytes(6).toString('hex')}`;
    schemas.push(schema);
    return schema;
  };
  return {
    pool,
    url,
    schema: newSchema(),
    newSchema,
    async dispose() {
      for (const schema of schemas) await pool.query(`drop schema if exists "${schema}" cascade`);
      await pool.end();
    },
  };
}
