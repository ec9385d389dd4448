import { runConformanceSuite } from '@allot/testkit';
import Database from 'better-sqlite3';
import { createSqliteStore, migrate } from './index';

// One in-memory database per suite; the testkit isolates tests by organization.
runConformanceSuite({
  name: 'sqlite',
  async createStore() {
    const database = new Database(':memory:');
    await migrate({ database });
    return createSqliteStore({ database });
  },
});
