import type { Kysely, QueryCreator } from 'kysely';
import { COLUMNS } from '../codec';
import type { AllotDatabase } from '../database';
import type { SqlDialect } from '../dialect';
import { rowParam, type Template, template } from '../template';
import { TemplateCache } from './cache';

/** Rows per multi-row statement; keeps every statement far below both dialects' parameter limits. */
export const ROWS_PER_STATEMENT = 50;

/**
 * One row to write: column name → value.
 * @inline
 */
type Row = Record<string, unknown>;

/**
 * A table a change set writes rows to, and how (upserted records or appended rows).
 * @inline
 */
export type WriteTable =
  | 'members'
  | 'requests'
  | 'holds'
  | 'journal'
  | 'outbox'
  | 'periods'
  | 'idempotency_keys'
  | 'domains';

/**
 * One multi-row write: `count` rows of `table`, whose placeholders start at row `offset`.
 * @inline
 */
export interface WritePart {
  table: WriteTable;
  count: number;
}

const UPSERT_KEYS: Partial<Record<WriteTable, readonly string[]>> = {
  members: ['org_id', 'user_id'],
  requests: ['org_id', 'id'],
  holds: ['org_id', 'id'],
};

const WRITE_COLUMNS: Record<WriteTable, readonly string[]> = { ...COLUMNS, domains: ['org_id', 'domain'] };

/** Upserts and inserts. Multi-row statements are compiled per shape and bound with `bindRows`. */
export function writeQueries(dialect: SqlDialect) {
  const { db } = dialect;
  const cache = new TemplateCache();

  function placeholderRows(p: Row, offset: number, count: number, columns: readonly string[]): Row[] {
    return Array.from({ length: count }, (_, i) =>
      Object.fromEntries(columns.map((column) => [column, p[rowParam(offset + i, column)]])),
    );
  }

  /** `INSERT` of `count` rows; for records, `ON CONFLICT (key) DO UPDATE SET every other column`. */
  function insertRows(qc: QueryCreator<AllotDatabase>, p: Row, offset: number, part: WritePart) {
    const columns = WRITE_COLUMNS[part.table];
    const insert = qc.insertInto(part.table).values(placeholderRows(p, offset, part.count, columns) as never);
    const keys = UPSERT_KEYS[part.table];
    if (!keys) return insert;
    const updated = columns.filter((c) => !keys.includes(c));
    return insert.onConflict((oc) =>
      oc
        .columns(keys as never)
        .doUpdateSet(
          (eb) => Object.fromEntries(updated.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never,
        ),
    );
  }

  return {
    upsertOrganization: template<Row>((p) =>
      db
        .insertInto('organizations')
        .values(placeholderRows(p, 0, 1, COLUMNS.organizations)[0] as never)
        .onConflict((oc) =>
          oc
            .column('org_id')
            .doUpdateSet(
              (eb) =>
                Object.fromEntries(
                  COLUMNS.organizations
                    .filter((c) => c !== 'org_id')
                    .map((c) => [c, eb.ref(`excluded.${c}` as never)]),
                ) as never,
            ),
        ),
    ),

    deleteDomains: template<{ orgId: string }>((p) => db.deleteFrom('domains').where('org_id', '=', p.orgId)),

    /** One statement for one part; its rows are numbered from 0. */
    rows(part: WritePart): Template<Row> {
      return cache.get(`rows:${part.table}:${part.count}`, () =>
        template<Row>((p) => insertRows(db, p, 0, part)),
      );
    },

    /**
     * One statement for several parts, as data-modifying CTEs (Postgres only): every part's rows
     * are numbered on, across parts, in order.
     */
    combined(parts: readonly WritePart[]): Template<Row> {
      const key = `combined:${parts.map((part) => `${part.table}*${part.count}`).join(',')}`;
      return cache.get(key, () =>
        template<Row>((p) => {
          let offset = 0;
          let query = db as unknown as Kysely<AllotDatabase>;
          parts.forEach((part, i) => {
            const start = offset;
            offset += part.count;
            query = query.with(`write_${i}`, (qc) => insertRows(qc, p, start, part) as never) as never;
          });
          return query.selectNoFrom((eb) => eb.lit(1).as('written'));
        }),
      );
    },
  };
}

export type WriteQueries = ReturnType<typeof writeQueries>;
