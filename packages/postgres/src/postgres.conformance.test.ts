import { runConformanceSuite } from '@allot/testkit';
import { createPostgresStore, migrate } from './index';
import { openTestDatabase, type TestDatabase } from './test-database';

// One schema per run (ALLOT_TEST_PG_URL, or a container); the testkit isolates tests by organization.
let db: TestDatabase | undefined;

runConformanceSuite({
  name: 'postgres',
  async createStore() {
    db = await openTestDatabase();
    await migrate({ pool: db.pool }, { schema: db.schema });
    return createPostgresStore({ pool: db.pool }, { schema: db.schema });
  },
  async destroyStore(store) {
    await store.close?.();
    await db?.dispose();
  },
});
