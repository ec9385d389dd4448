import { type Expression, type Kysely, sql } from 'kysely';
import { TablePrefixPlugin } from '../table-prefix-plugin';

/**
 * Where and for which dialect the Allot tables are created.
 *
 * @example
 * ```ts
 * const target: MigrationTarget = { dialect: 'postgres', schema: 'allot' };
 * await runAllotMigrations(db, target);
 * ```
 */
export type MigrationTarget =
  | { dialect: 'postgres' /** The schema the tables live in. */; schema: string }
  | { dialect: 'sqlite' /** Prepended to every table, index and trigger name. */; tablePrefix: string };

/** Column types per dialect: Postgres gets native types, SQLite STRICT-table types. */
export interface ColumnTypes {
  /** Identifiers, compared byte by byte. */
  id: Expression<unknown>;
  text: Expression<unknown>;
  /** Credits and sequence numbers (64-bit). */
  int: Expression<unknown>;
  real: Expression<unknown>;
  time: Expression<unknown>;
  json: Expression<unknown>;
}

/** Everything a migration needs about its target, derived once. */
export interface MigrationScope {
  readonly target: MigrationTarget;
  readonly types: ColumnTypes;
  /** The kysely instance scoped to the schema (Postgres) or table prefix (SQLite). */
  scoped(db: Kysely<unknown>): Kysely<unknown>;
  /** A schema object's name: prefixed on SQLite (index and trigger names are database-wide). */
  name(base: string): string;
  /** A table (or function) reference for raw SQL. */
  ref(base: string): Expression<unknown>;
  /** Ends a CREATE TABLE (STRICT on SQLite). */
  tableEnd: Expression<unknown> | null;
}

export function migrationScope(target: MigrationTarget): MigrationScope {
  if (target.dialect === 'postgres') {
    return {
      target,
      types: {
        id: sql`text collate "C"`,
        text: sql`text`,
        int: sql`bigint`,
        real: sql`double precision`,
        time: sql`timestamptz`,
        json: sql`json`,
      },
      scoped: (db) => db.withSchema(target.schema),
      name: (base) => base,
      ref: (base) => sql.id(target.schema, base),
      tableEnd: null,
    };
  }
  const prefix = target.tablePrefix;
  return {
    target,
    types: {
      id: sql`text`,
      text: sql`text`,
      int: sql`integer`,
      real: sql`real`,
      time: sql`text`,
      json: sql`text`,
    },
    scoped: (db) => db.withPlugin(new TablePrefixPlugin(prefix)),
    name: (base) => `${prefix}${base}`,
    ref: (base) => sql.id(`${prefix}${base}`),
    // STRICT: column types are enforced. WITHOUT ROWID: every table is clustered on its primary key
    // (org_id first), so a primary-key lookup or insert touches one b-tree instead of two.
    tableEnd: sql`strict, without rowid`,
  };
}

/** Names of the migration bookkeeping tables, kept apart from any the host app has. */
export function migrationTables(target: MigrationTarget) {
  if (target.dialect === 'postgres') {
    return {
      migrationTableName: 'allot_migrations',
      migrationLockTableName: 'allot_migrations_lock',
      migrationTableSchema: target.schema,
    };
  }
  const prefix = target.tablePrefix || 'allot_';
  return { migrationTableName: `${prefix}migrations`, migrationLockTableName: `${prefix}migrations_lock` };
}
