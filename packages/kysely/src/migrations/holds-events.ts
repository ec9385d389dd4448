import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { MigrationScope } from './target';

/** The member alert settings an organization has until an admin changes them. */
const DEFAULT_MEMBER_ALERTS = '{"remainingBelow":null,"remainingBelowPercent":10}';

/**
 * Holds, pool top-ups, alert states and the event outbox. Adds columns with defaults, so rows
 * written before it read as "no holds, no top-ups, no alerts fired, default member alerts"; adds
 * the `holds` and `outbox` tables. The journal only gains a nullable column, so its append-only
 * triggers keep refusing UPDATE and DELETE.
 *
 * The pool row's allocation check becomes `allocated <= monthly_pool + top_ups`. Postgres
 * replaces the constraint; SQLite cannot alter a constraint, so it rebuilds `organizations`
 * (copy, drop, rename). On SQLite the whole migration runs inside a savepoint, so it applies all
 * or nothing even though kysely's Migrator runs SQLite migrations without a transaction.
 */
export function holdsEventsMigration(scope: MigrationScope): Migration {
  const { types: t, name } = scope;

  async function up(root: Kysely<unknown>): Promise<void> {
    const db = scope.scoped(root);
    const sqlite = scope.target.dialect === 'sqlite';
    if (sqlite) await rebuildSqliteOrganizations(scope, root, true);
    else {
      await db.schema
        .alterTable('organizations')
        .addColumn('top_ups', t.int, (c) => c.notNull().defaultTo(0))
        .addColumn('alerts', t.json, (c) => c.notNull().defaultTo('{}'))
        .addColumn('member_alerts', t.json, (c) => c.notNull().defaultTo(DEFAULT_MEMBER_ALERTS))
        .execute();
      await sql`alter table ${scope.ref('organizations')}
        drop constraint organizations_allocated_check,
        add constraint organizations_allocated_check
          check (allocated >= 0 and top_ups >= 0 and allocated <= monthly_pool + top_ups)`.execute(root);
    }

    // SQLite takes one ADD COLUMN per ALTER TABLE.
    await db.schema
      .alterTable('members')
      .addColumn('held', t.int, (c) => c.notNull().defaultTo(0).check(sql`held >= 0`))
      .execute();
    await db.schema.alterTable('members').addColumn('holds_expire_at', t.time).execute();
    await db.schema
      .alterTable('members')
      .addColumn('alerts', t.json, (c) => c.notNull().defaultTo('{}'))
      .execute();
    await db.schema
      .alterTable('periods')
      .addColumn('top_ups', t.int, (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('journal').addColumn('hold_id', t.id).execute();

    const table = (base: string, end = scope.tableEnd) => {
      const builder = db.schema.createTable(base);
      return end ? builder.modifyEnd(end) : builder;
    };

    await table('holds')
      .addColumn('org_id', t.id, (c) => c.notNull())
      .addColumn('id', t.id, (c) => c.notNull())
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('amount', t.int, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('captured', t.int)
      .addColumn('description', t.text, (c) => c.notNull())
      .addColumn('metadata', t.json)
      .addColumn('created_at', t.time, (c) => c.notNull())
      .addColumn('expires_at', t.time, (c) => c.notNull())
      .addColumn('settled_at', t.time)
      .addPrimaryKeyConstraint(name('holds_pkey'), ['org_id', 'id'] as never)
      .addCheckConstraint(
        name('holds_amount_check'),
        sql`amount >= 0 and (captured is null or captured >= 0)`,
      )
      .execute();
    await db.schema
      .createIndex(name('holds_org_user_status_expires_idx'))
      .on('holds')
      .columns(['org_id', 'user_id', 'status', 'expires_at', 'id'])
      .execute();
    await db.schema
      .createIndex(name('holds_org_created_idx'))
      .on('holds')
      .columns(['org_id', 'created_at desc', 'id desc'])
      .execute();
    // Every read of an organization's figures first looks for its active holds that are due.
    await db.schema
      .createIndex(name('holds_org_active_expires_idx'))
      .on('holds')
      .columns(['org_id', 'expires_at', 'id'])
      .where(sql.ref('status'), '=', sql.lit('active'))
      .execute();

    // The outbox is claimed in insertion order across organizations, so its key is a sequence.
    // On SQLite it is the rowid (max + 1 on insert; no AUTOINCREMENT bookkeeping per insert).
    // Rows are completed and retried by that key (checking the id too), so no index on event ids:
    // one B-tree less to write per event (SQLite, synchronous=FULL: about +12 % consumes/s).
    await table('outbox', sqlite ? sql`strict` : null)
      .addColumn('position', sqlite ? sql`integer` : t.int, (c) =>
        sqlite ? c.primaryKey() : c.notNull().generatedAlwaysAsIdentity(),
      )
      .addColumn('id', t.id, (c) => c.notNull())
      .addColumn('org_id', t.id, (c) => c.notNull())
      .addColumn('type', t.text, (c) => c.notNull())
      .addColumn('payload', t.json, (c) => c.notNull())
      // Text on both dialects: '' (due at once) sorts before every ISO time.
      .addColumn('available_at', t.id, (c) => c.notNull().defaultTo(''))
      .addColumn('attempts', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', t.text)
      .addColumn('created_at', t.time, (c) => c.notNull())
      .$call((b) => (sqlite ? b : b.addPrimaryKeyConstraint(name('outbox_pkey'), ['position'] as never)))
      .execute();
  }

  /** Back to 0001: the new tables and columns go (with what they held), the 0001 check returns. */
  async function down(root: Kysely<unknown>): Promise<void> {
    const db = scope.scoped(root);
    await db.schema.dropTable('outbox').ifExists().execute();
    await db.schema.dropTable('holds').ifExists().execute();
    for (const [base, column] of [
      ['journal', 'hold_id'],
      ['periods', 'top_ups'],
      ['members', 'alerts'],
      ['members', 'holds_expire_at'],
      ['members', 'held'],
    ] as const) {
      await db.schema.alterTable(base).dropColumn(column).execute();
    }
    if (scope.target.dialect === 'sqlite') {
      await rebuildSqliteOrganizations(scope, root, false);
      return;
    }
    await sql`alter table ${scope.ref('organizations')}
      drop constraint organizations_allocated_check,
      drop column top_ups,
      drop column alerts,
      drop column member_alerts,
      add constraint organizations_allocated_check check (allocated >= 0 and allocated <= monthly_pool)`.execute(
      root,
    );
  }

  return { up: (root) => atomically(scope, root, up), down: (root) => atomically(scope, root, down) };
}

/**
 * Runs a migration step all or nothing. Postgres: kysely's Migrator already runs each migration in
 * a transaction. SQLite: the Migrator does not, so the step runs inside a savepoint (which also
 * works inside a transaction the host opened).
 */
async function atomically(
  scope: MigrationScope,
  root: Kysely<unknown>,
  step: (root: Kysely<unknown>) => Promise<void>,
): Promise<void> {
  if (scope.target.dialect === 'postgres') return step(root);
  await sql`savepoint allot_0002_holds_events`.execute(root);
  try {
    await step(root);
  } catch (error) {
    await sql`rollback to allot_0002_holds_events`.execute(root);
    await sql`release allot_0002_holds_events`.execute(root);
    throw error;
  }
  await sql`release allot_0002_holds_events`.execute(root);
}

/**
 * SQLite: `organizations` rebuilt in place (its rows copied, the old table dropped, the new one
 * renamed), as 0001 made it plus, with `holds`, the new columns and the new allocation check.
 */
async function rebuildSqliteOrganizations(
  scope: MigrationScope,
  root: Kysely<unknown>,
  holds: boolean,
): Promise<void> {
  const { types: t, name } = scope;
  const db = scope.scoped(root);
  const next = `${name('organizations')}_0002`;
  let builder = root.schema
    .createTable(next)
    .addColumn('org_id', t.id, (c) => c.notNull())
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('domains', t.json, (c) => c.notNull())
    .addColumn('monthly_pool', t.int, (c) => c.notNull())
    .addColumn('period_anchor_day', t.int, (c) => c.notNull())
    .addColumn('threshold_yellow', t.real, (c) => c.notNull())
    .addColumn('threshold_red', t.real, (c) => c.notNull())
    .addColumn('rollover_policy', t.text, (c) => c.notNull())
    .addColumn('default_allocation', t.int, (c) => c.notNull())
    .addColumn('allocated', t.int, (c) => c.notNull())
    .addColumn('period_start', t.time, (c) => c.notNull())
    .addColumn('period_end', t.time, (c) => c.notNull())
    .addColumn('seq', t.int, (c) => c.notNull())
    .addColumn('last_hash', t.text, (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .$call((b) =>
      holds
        ? b
            .addColumn('top_ups', t.int, (c) => c.notNull().defaultTo(0))
            .addColumn('alerts', t.json, (c) => c.notNull().defaultTo('{}'))
            .addColumn('member_alerts', t.json, (c) => c.notNull().defaultTo(DEFAULT_MEMBER_ALERTS))
        : b,
    )
    .addPrimaryKeyConstraint(name('organizations_pkey'), ['org_id'] as never)
    .addCheckConstraint(name('organizations_pool_check'), sql`monthly_pool >= 0 and default_allocation >= 0`)
    .addCheckConstraint(
      name('organizations_allocated_check'),
      holds
        ? sql`allocated >= 0 and top_ups >= 0 and allocated <= monthly_pool + top_ups`
        : sql`allocated >= 0 and allocated <= monthly_pool`,
    );
  if (scope.tableEnd) builder = builder.modifyEnd(scope.tableEnd);
  await builder.execute();
  const copied = [
    'org_id',
    'name',
    'domains',
    'monthly_pool',
    'period_anchor_day',
    'threshold_yellow',
    'threshold_red',
    'rollover_policy',
    'default_allocation',
    'allocated',
    'period_start',
    'period_end',
    'seq',
    'last_hash',
    'created_at',
    'updated_at',
  ].map((column) => sql.id(column));
  await sql`insert into ${sql.id(next)} (${sql.join(copied)})
    select ${sql.join(copied)} from ${scope.ref('organizations')}`.execute(root);
  await db.schema.dropTable('organizations').execute();
  await sql`alter table ${sql.id(next)} rename to ${scope.ref('organizations')}`.execute(root);
}
