import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AllotStore } from '@allot/core';
import { testPostgresUrl } from 'test-env';
import { dropSchema, freshSchema } from './pg-server';
import { type AdapterName, memoryStore, migrateSpec, openSpec, type StoreSpec } from './store-spec';

/** A store under test: memory, a temp-file SQLite database or a fresh Postgres schema. */
export interface Target {
  name: AdapterName;
  store: AllotStore;
  /** Where the SQL store lives (so child processes can open it too); null for memory. */
  spec: StoreSpec | null;
  /** Closes the store and removes its file or schema. */
  dispose(): Promise<void>;
}

/** A fresh temp directory for SQLite files; removed by the returned function. */
export function tempDir(prefix = 'allot-rel-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Makes a migrated, empty spec for a SQL adapter, and the function that removes it. */
export async function freshSpec(
  name: 'sqlite' | 'postgres',
): Promise<{ spec: StoreSpec; remove: () => Promise<void> }> {
  if (name === 'sqlite') {
    const tmp = tempDir();
    const spec: StoreSpec = { kind: 'sqlite', filename: join(tmp.dir, 'allot.db') };
    await migrateSpec(spec);
    return { spec, remove: async () => tmp.remove() };
  }
  const url = testPostgresUrl();
  const spec: StoreSpec = { kind: 'postgres', url, schema: freshSchema() };
  await migrateSpec(spec);
  return { spec, remove: () => dropSchema(url, spec.schema) };
}

/** Opens a fresh store of the named adapter. */
export async function openTarget(name: AdapterName): Promise<Target> {
  if (name === 'memory') {
    const store = memoryStore();
    return { name, store, spec: null, dispose: async () => {} };
  }
  const { spec, remove } = await freshSpec(name);
  const store = openSpec(spec);
  return {
    name,
    store,
    spec,
    async dispose() {
      await store.close?.();
      await remove();
    },
  };
}
