import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore, migrate } from '@allot/sqlite';
import { afterAll, describe } from 'vitest';
import { routerTests } from './testing/router-tests.test-helpers';
import { storeFailureTests } from './testing/store-failure.test-helpers';

const dir = mkdtempSync(join(tmpdir(), 'allot-express-'));
let count = 0;

/** A fresh SQLite database file per harness (a `:memory:` one would not outlive `migrate`). */
async function sqliteStore() {
  const filename = join(dir, `test-${++count}.db`);
  await migrate({ filename });
  const store = createSqliteStore({ filename });
  return { store, close: async () => store.close?.() };
}

describe('over @allot/sqlite', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  routerTests(sqliteStore, { propertyRuns: 200 });
  storeFailureTests(sqliteStore);
});
