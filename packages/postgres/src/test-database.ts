// Test support for this package's own tests (not exported, not published).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A Postgres database for one test file: its own schema on a shared server. */
export interface TestDatabase {
  pool: pg.Pool;
  /** A fresh `allot_test_<random>` schema, dropped by {@link TestDatabase.dispose}. */
  schema: string;
  url: string;
  /** A fresh random schema name (for tests that need one more). */
  newSchema(): string;
  /** Drops every schema handed out, ends the pool and stops the container if one was started. */
  dispose(): Promise<void>;
}

async function serverUrl(): Promise<{ url: string; stop: () => Promise<void> }> {
  const url = process.env.ALLOT_TEST_PG_URL;
  if (url) return { url, stop: async () => {} };
  try {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:16-alpine').start();
    return { url: container.getConnectionUri(), stop: async () => void (await container.stop()) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      'The Postgres tests need a server: set ALLOT_TEST_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) ' +
        `or start Docker so @testcontainers/postgresql can run one. (${reason})`,
    );
  }
}

/** Connects to ALLOT_TEST_PG_URL (or a fresh container) with a pool of `max` connections. */
export async function openTestDatabase(max = 20): Promise<TestDatabase> {
  const server = await serverUrl();
  const pool = new pg.Pool({ connectionString: server.url, max });
  pool.on('error', () => {});
  const schemas: string[] = [];
  const newSchema = () => {
    const schema = `allot_test_${randomBytes(6).toString('hex')}`;
    schemas.push(schema);
    return schema;
  };
  return {
    pool,
    url: server.url,
    schema: newSchema(),
    newSchema,
    async dispose() {
      for (const schema of schemas) await pool.query(`drop schema if exists "${schema}" cascade`);
      await pool.end();
      await server.stop();
    },
  };
}
