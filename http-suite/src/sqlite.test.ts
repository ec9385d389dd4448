import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore, migrate } from '@allot/sqlite';
import { afterAll, describe } from 'vitest';
import { adapters } from './adapters';
import { routerTests } from './suite/router-tests';
import { storeFailureTests } from './suite/store-failure';

const dir = mkdtempSync(join(tmpdir(), 'allot-http-suite-'));
let count = 0;

/** A fresh SQLite database file per harness (a `:memory:` one would not outlive `migrate`). */
async function sqliteStore() {
  const filename = join(dir, `test-${++count}.db`);
  await migrate({ filename });
  const store = createSqliteStore({ filename });
  return { store, close: async () => store.close?.() };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(adapters)('$name over @allot/sqlite', (adapter) => {
  const target = { adapter, store: sqliteStore };
  if (adapter.name === 'express') routerTests(target, { propertyRuns: 200 });
  storeFailureTests(target);
});
