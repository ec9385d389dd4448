import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { MigrationScope } from './target';

/**
 * The Allot schema: the pool row per organization, claimed domains, closed periods, members,
 * requests, the append-only journal and idempotency keys. Every primary key starts with
 * `org_id` (tenant), so the tables can be distributed or partitioned by organization.
 */
export function initialMigration(scope: MigrationScope): Migration {
  const { types: t, name } = scope;

  return {
    async up(root: Kysely<unknown>) {
      const db = scope.scoped(root);
      const table = (base: string) => {
        const builder = db.schema.createTable(base);
        return scope.tableEnd ? builder.modifyEnd(scope.tableEnd) : builder;
      };

      await table('organizations')
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
        .addPrimaryKeyConstraint(name('organizations_pkey'), ['org_id'] as never)
        .addCheckConstraint(
          name('organizations_pool_check'),
          sql`monthly_pool >= 0 and default_allocation >= 0`,
        )
        .addCheckConstraint(
          name('organizations_allocated_check'),
          sql`allocated >= 0 and allocated <= monthly_pool`,
        )
        .execute();

      await table('domains')
        .addColumn('org_id', t.id, (c) => c.notNull())
        .addColumn('domain', t.id, (c) => c.notNull())
        .addPrimaryKeyConstraint(name('domains_pkey'), ['org_id', 'domain'] as never)
        .addUniqueConstraint(name('domains_domain_key'), ['domain'] as never)
        .execute();

      await table('periods')
        .addColumn('org_id', t.id, (c) => c.notNull())
        .addColumn('start_at', t.time, (c) => c.notNull())
        .addColumn('end_at', t.time, (c) => c.notNull())
        .addColumn('monthly_pool', t.int, (c) => c.notNull())
        .addColumn('allocated', t.int, (c) => c.notNull())
        .addColumn('used', t.int, (c) => c.notNull())
        .addPrimaryKeyConstraint(name('periods_pkey'), ['org_id', 'start_at'] as never)
        .execute();

      await table('members')
        .addColumn('org_id', t.id, (c) => c.notNull())
        .addColumn('user_id', t.id, (c) => c.notNull())
        .addColumn('email', t.text, (c) => c.notNull())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('role', t.text, (c) => c.notNull())
        .addColumn('status', t.text, (c) => c.notNull())
        .addColumn('allocated', t.int, (c) => c.notNull())
        .addColumn('used', t.int, (c) => c.notNull())
        .addColumn('seq', t.int, (c) => c.notNull())
        .addColumn('last_hash', t.text, (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .addPrimaryKeyConstraint(name('members_pkey'), ['org_id', 'user_id'] as never)
        .addCheckConstraint(
          name('members_balance_check'),
          sql`used >= 0 and allocated >= 0 and used <= allocated`,
        )
        .execute();
      await sql`create index ${sql.id(name('members_org_name_idx'))} on ${scope.ref('members')} (org_id, lower(name))`.execute(
        root,
      );

      await table('requests')
        .addColumn('org_id', t.id, (c) => c.notNull())
        .addColumn('id', t.id, (c) => c.notNull())
        .addColumn('user_id', t.id, (c) => c.notNull())
        .addColumn('user_email', t.text, (c) => c.notNull())
        .addColumn('user_name', t.text, (c) => c.notNull())
        .addColumn('amount', t.int, (c) => c.notNull())
        .addColumn('message', t.text)
        .addColumn('status', t.text, (c) => c.notNull())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('decided_at', t.time)
        .addColumn('decided_by', t.text)
        .addColumn('granted_amount', t.int)
        .addColumn('reason', t.text)
        .addPrimaryKeyConstraint(name('requests_pkey'), ['org_id', 'id'] as never)
        .addCheckConstraint(
          name('requests_amount_check'),
          sql`amount >= 0 and (granted_amount is null or granted_amount >= 0)`,
        )
        .execute();
      for (const [index, columns] of [
        ['requests_org_created_idx', ['org_id', 'created_at', 'id']],
        ['requests_org_status_created_idx', ['org_id', 'status', 'created_at', 'id']],
        ['requests_org_user_created_idx', ['org_id', 'user_id', 'created_at', 'id']],
      ] as const) {
        await db.schema
          .createIndex(name(index))
          .on('requests')
          .columns([...columns])
          .execute();
      }

      await table('journal')
        .addColumn('org_id', t.id, (c) => c.notNull())
        .addColumn('id', t.id, (c) => c.notNull())
        .addColumn('seq', t.int, (c) => c.notNull())
        .addColumn('at', t.time, (c) => c.notNull())
        .addColumn('user_id', t.id)
        .addColumn('type', t.text, (c) => c.notNull())
        .addColumn('amount', t.int, (c) => c.notNull())
        .addColumn('balance_after', t.int)
        .addColumn('description', t.text, (c) => c.notNull())
        .addColumn('actor', t.text, (c) => c.notNull())
        .addColumn('request_id', t.id)
        .addColumn('usage_id', t.id)
        .addColumn('idempotency_key', t.text)
        .addColumn('metadata', t.json)
        .addColumn('hash', t.text, (c) => c.notNull().defaultTo(''))
        .addPrimaryKeyConstraint(name('journal_pkey'), ['org_id', 'id'] as never)
        .execute();
      for (const [index, columns] of [
        ['journal_org_at_idx', ['org_id', 'at', 'id']],
        ['journal_org_user_at_idx', ['org_id', 'user_id', 'at', 'id']],
        ['journal_org_type_at_idx', ['org_id', 'type', 'at', 'id']],
      ] as const) {
        await db.schema
          .createIndex(name(index))
          .on('journal')
          .columns([...columns])
          .execute();
      }
      await db.schema
        .createIndex(name('journal_org_usage_idx'))
        .on('journal')
        .columns(['org_id', 'usage_id'])
        .where(sql.ref('usage_id'), 'is not', null)
        .execute();

      await table('idempotency_keys')
        .addColumn('org_id', t.id, (c) => c.notNull())
        .addColumn('key', t.id, (c) => c.notNull())
        .addColumn('fingerprint', t.text, (c) => c.notNull())
        .addColumn('result', t.json, (c) => c.notNull())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addPrimaryKeyConstraint(name('idempotency_keys_pkey'), ['org_id', 'key'] as never)
        .execute();

      await appendOnlyJournal(scope, root);
    },

    async down(root: Kysely<unknown>) {
      const db = scope.scoped(root);
      for (const base of [
        'idempotency_keys',
        'journal',
        'requests',
        'members',
        'periods',
        'domains',
        'organizations',
      ]) {
        await db.schema.dropTable(base).ifExists().execute();
      }
      if (scope.target.dialect === 'postgres') {
        await sql`drop function if exists ${scope.ref('allot_journal_append_only')}()`.execute(root);
      }
    },
  };
}

/**
 * Triggers that refuse UPDATE and DELETE on the journal (and TRUNCATE on Postgres). On SQLite,
 * `INSERT OR REPLACE` deletes the old row without firing delete triggers, so a third trigger
 * refuses an insert whose key is already taken.
 */
async function appendOnlyJournal(scope: MigrationScope, db: Kysely<unknown>): Promise<void> {
  const journal = scope.ref('journal');
  if (scope.target.dialect === 'postgres') {
    const fn = scope.ref('allot_journal_append_only');
    await sql`create function ${fn}() returns trigger language plpgsql as $$
begin
  raise exception 'The Allot journal is append-only: % on % is not allowed.', tg_op, tg_table_name
    using errcode = 'restrict_violation';
end
$$`.execute(db);
    await sql`create trigger journal_append_only before update or delete on ${journal}
      for each row execute function ${fn}()`.execute(db);
    await sql`create trigger journal_no_truncate before truncate on ${journal}
      for each statement execute function ${fn}()`.execute(db);
    return;
  }
  for (const op of ['update', 'delete'] as const) {
    const message = `The Allot journal is append-only: ${op.toUpperCase()} is not allowed.`;
    await sql`create trigger ${sql.id(scope.name(`journal_no_${op}`))} before ${sql.raw(op)} on ${journal}
      begin select raise(abort, ${sql.lit(message)}); end`.execute(db);
  }
  await sql`create trigger ${sql.id(scope.name('journal_no_replace'))} before insert on ${journal}
    when exists (select 1 from ${journal} where org_id = new.org_id and id = new.id)
    begin select raise(abort, 'The Allot journal is append-only: an entry cannot be replaced.'); end`.execute(
    db,
  );
}
