import type { AllotStore } from '@allot/core';
import { createMemoryStore } from '@allot/memory';
import { createPostgresStore, migrate as migratePostgres } from '@allot/postgres';
import { createSqliteStore, migrate as migrateSqlite } from '@allot/sqlite';
import pg from 'pg';

/** The adapters the reliability suite runs on. */
export type AdapterName = 'memory' | 'sqlite' | 'postgres';

/** Where a SQL store lives, as plain data a child process can receive. */
export type StoreSpec =
  | { kind: 'sqlite'; filename: string }
  | { kind: 'postgres'; url: string; schema: string; poolSize?: number };

/** Creates the tables for a spec (once, before any process opens a store on it). */
export async function migrateSpec(spec: StoreSpec): Promise<void> {
  if (spec.kind === 'sqlite') {
    await migrateSqlite({ filename: spec.filename });
    return;
  }
  await migratePostgres({ connectionString: spec.url }, { schema: spec.schema });
}

/** Opens a store on a migrated spec; `close()` ends its connections. */
export function openSpec(spec: StoreSpec): AllotStore {
  if (spec.kind === 'sqlite') return createSqliteStore({ filename: spec.filename });
  const pool = new pg.Pool({ connectionString: spec.url, max: spec.poolSize ?? 10 });
  pool.on('error', () => {});
  // Many workers on few rows: allow more tries after a deadlock or serialization failure.
  return withPool(createPostgresStore({ pool }, { schema: spec.schema, maxAttempts: 20 }), pool);
}

/** A store over a pool we made: closing the store also ends the pool. */
function withPool(store: AllotStore, pool: pg.Pool): AllotStore {
  return {
    ...store,
    async close() {
      await store.close?.();
      await pool.end();
    },
  };
}

/** A memory store (no spec: it lives in one process). */
export function memoryStore(): AllotStore {
  return createMemoryStore();
}
