export type { SqlBackend, SqlSession } from './backend';
export { COLUMNS, type Codec, createCodec, int } from './codec';
export type {
  AllotDatabase,
  AllotTable,
  DomainsTable,
  HoldsTable,
  IdempotencyKeysTable,
  IntColumn,
  JournalTable,
  JsonColumn,
  MembersTable,
  OrganizationsTable,
  OutboxTable,
  PeriodsTable,
  RequestsTable,
  TimeColumn,
} from './database';
export { ALLOT_TABLES } from './database';
export { compileOnlyKysely, type SqlDialect } from './dialect';
export { cyrb53Halves } from './hash';
export {
  allotMigrationProvider,
  allotMigrations,
  type MigrationTarget,
  runAllotMigrations,
} from './migrations';
export { type AllotQueries, createQueries } from './queries';
export type { ChainScope } from './queries/chains';
export { createSqlStore, type SqlStoreOptions } from './store';
export { TablePrefixPlugin } from './table-prefix-plugin';
export { type Statement, statementName, Template, template } from './template';
