export { DEFAULT_TABLE_PREFIX, type SqliteConnection, type SqliteOptions } from './connection';
export { migrate } from './migrate';
export { createSqliteStore, type SqliteStoreOptions } from './store';
