import { COLUMNS } from '../codec';
import type { AllotDatabase } from '../database';
import type { SqlDialect } from '../dialect';
import { rowParam, type Template, template } from '../template';
import { TemplateCache } from './cache';

/** Rows per multi-row statement; keeps every statement far below both dialects' parameter limits. */
export const ROWS_PER_STATEMENT = 50;

type Row = Record<string, unknown>;

/** Upserts and inserts. Multi-row statements are compiled per row count and bound with `bindRows`. */
export function writeQueries(dialect: SqlDialect) {
  const { db } = dialect;
  const cache = new TemplateCache();

  function placeholderRows(p: Row, count: number, columns: readonly string[]): Row[] {
    return Array.from({ length: count }, (_, i) =>
      Object.fromEntries(columns.map((column) => [column, p[rowParam(i, column)]])),
    );
  }

  /** `INSERT … ON CONFLICT (keys) DO UPDATE SET every other column = excluded.column`. */
  function upsert(
    table: 'organizations' | 'members' | 'requests',
    keys: readonly string[],
    count: number,
  ): Template<Row> {
    const columns = COLUMNS[table];
    const updated = columns.filter((c) => !keys.includes(c));
    return cache.get(`upsert:${table}:${count}`, () =>
      template<Row>((p) =>
        db
          .insertInto(table)
          .values(placeholderRows(p, count, columns) as never)
          .onConflict((oc) =>
            oc
              .columns(keys as never)
              .doUpdateSet(
                (eb) =>
                  Object.fromEntries(updated.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never,
              ),
          ),
      ),
    );
  }

  function insert(table: keyof typeof COLUMNS & keyof AllotDatabase, count: number): Template<Row> {
    return cache.get(`insert:${table}:${count}`, () =>
      template<Row>((p) => db.insertInto(table).values(placeholderRows(p, count, COLUMNS[table]) as never)),
    );
  }

  return {
    upsertOrganization: () => upsert('organizations', ['org_id'], 1),
    upsertMembers: (count: number) => upsert('members', ['org_id', 'user_id'], count),
    upsertRequests: (count: number) => upsert('requests', ['org_id', 'id'], count),
    insertJournal: (count: number) => insert('journal', count),
    insertPeriod: () => insert('periods', 1),
    insertIdempotencyKey: () => insert('idempotency_keys', 1),
    deleteDomains: template<{ orgId: string }>((p) => db.deleteFrom('domains').where('org_id', '=', p.orgId)),
    insertDomains: (count: number): Template<Row> =>
      cache.get(`insert:domains:${count}`, () =>
        template<Row>((p) =>
          db.insertInto('domains').values(placeholderRows(p, count, ['org_id', 'domain']) as never),
        ),
      ),
  };
}

export type WriteQueries = ReturnType<typeof writeQueries>;
