import { randomBytes } from 'node:crypto';
import pg from 'pg';

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
