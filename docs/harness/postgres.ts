import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testPostgresUrl } from 'test-env';

/**
 * The database the `postgres` snippets use: `DATABASE_URL`, else the run's server
 * (`ALLOT_TEST_PG_URL`, which the workspace's global setup provides), copied into `DATABASE_URL`
 * because that is what the guides read.
 */
export function databaseUrl(): string {
  process.env.DATABASE_URL ||= testPostgresUrl();
  return process.env.DATABASE_URL;
}

/** Schemas handed out by {@link freshSchema}, dropped by {@link dropSchemas}. */
const created: string[] = [];

/** A random schema name for one snippet, also set as `ALLOT_SCHEMA` (which the guides read). */
export function freshSchema(): string {
  const schema = `allot_docs_${randomBytes(6).toString('hex')}`;
  created.push(schema);
  process.env.ALLOT_SCHEMA = schema;
  return schema;
}

/** Drops every schema {@link freshSchema} handed out (with everything in it). */
export async function dropSchemas(url: string): Promise<void> {
  if (created.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of created.splice(0)) await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
