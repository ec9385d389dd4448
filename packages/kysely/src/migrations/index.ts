import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import { holdsEventsMigration } from './holds-events';
import { initialMigration } from './initial';
import { type MigrationTarget, migrationScope, migrationTables } from './target';

export type { MigrationTarget } from './target';

/**
 * Every Allot migration by name, in order.
 *
 * @example
 * ```ts
 * const migrations = allotMigrations({ dialect: 'sqlite', tablePrefix: 'allot_' });
 * Object.keys(migrations); // ['0001_initial', '0002_holds_events']
 * ```
 */
export function allotMigrations(target: MigrationTarget): Record<string, Migration> {
  const scope = migrationScope(target);
  return { '0001_initial': initialMigration(scope), '0002_holds_events': holdsEventsMigration(scope) };
}

/**
 * A kysely migration provider for the Allot schema (for hosts that run their own Migrator).
 *
 * @example
 * ```ts
 * import { Migrator } from 'kysely/migration';
 *
 * const migrator = new Migrator({
 *   db,
 *   provider: allotMigrationProvider({ dialect: 'postgres', schema: 'allot' }),
 *   migrationTableName: 'allot_migrations',
 *   migrationLockTableName: 'allot_migrations_lock',
 *   migrationTableSchema: 'allot',
 * });
 * await migrator.migrateToLatest();
 * ```
 */
export function allotMigrationProvider(target: MigrationTarget): MigrationProvider {
  return { getMigrations: async () => allotMigrations(target) };
}

/**
 * Brings the Allot schema up to date with kysely's Migrator; running it again does nothing.
 * Resolves to the names of the migrations it applied; rejects if one fails (that migration is
 * rolled back where the dialect has transactional DDL).
 *
 * @example
 * ```ts
 * await runAllotMigrations(db, { dialect: 'postgres', schema: 'allot' }); // ['0001_initial', '0002_holds_events']
 * await runAllotMigrations(db, { dialect: 'postgres', schema: 'allot' }); // []
 * ```
 */
export async function runAllotMigrations(db: Kysely<unknown>, target: MigrationTarget): Promise<string[]> {
  const migrator = new Migrator({ db, provider: allotMigrationProvider(target), ...migrationTables(target) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Allot migration ${failed ?? '(setup)'} failed: ${reason}`, { cause: error });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
