export { DEFAULT_SCHEMA, type PostgresConnection, type PostgresOptions } from './connection';
export { migrate } from './migrate';
export { createPostgresStore, type PostgresStoreOptions } from './store';
