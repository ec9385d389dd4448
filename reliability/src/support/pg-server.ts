import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A Postgres server for the reliability tests and how to let go of it. */
export interface PgServer {
  url: string;
  stop(): Promise<void>;
}

let shared: Promise<PgServer> | undefined;

/**
 * The server at ALLOT_TEST_PG_URL, or else a throwaway @testcontainers/postgresql container
 * (needs Docker). Fails with a message that says what to set when neither is available.
 */
export function pgServer(): Promise<PgServer> {
  shared ??= start();
  return shared;
}

async function start(): Promise<PgServer> {
  const url = process.env.ALLOT_TEST_PG_URL;
  if (url) return { url, stop: async () => {} };
  try {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:16-alpine').start();
    return { url: container.getConnectionUri(), stop: async () => void (await container.stop()) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      'The Postgres reliability tests need a server: set ALLOT_TEST_PG_URL ' +
        '(e.g. postgres://postgres@127.0.0.1:5432/test) or start Docker so ' +
        `@testcontainers/postgresql can run one. (${reason})`,
    );
  }
}

/** A fresh schema name no other run uses. */
export function freshSchema(prefix = 'allot_rel'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Drops a schema made by a test (with everything in it). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
