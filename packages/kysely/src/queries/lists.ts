import type { LedgerFilter } from '@allot/core';
import type { Cursor } from '@allot/core/port';
import { type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { COLUMNS } from '../codec';
import type { AllotDatabase } from '../database';
import type { SqlDialect } from '../dialect';
import { type Template, template } from '../template';
import { TemplateCache } from './cache';

/**
 * Parameters of a journal list, summary or export; `t0`, `t1`, … are the event types.
 * @inline
 */
export type JournalParams = {
  orgId: string;
  userId?: string;
  from?: string;
  to?: string;
  afterAt?: string;
  afterId?: string;
  limit?: number;
} & { [type: `t${number}`]: string };

/** The event types a summary adds up (see `addToSummary` in `@allot/core`); one column each. */
export const SUMMARY_TYPES = ['usage', 'allocation', 'revocation', 'refund'] as const;

/** Which optional clauses a query has: one compiled template per shape. */
interface JournalShape {
  user: boolean;
  types: number;
  from: boolean;
  to: boolean;
  after: boolean;
  limit: boolean;
}

/** @inline */
export interface MembersParams {
  orgId: string;
  pattern?: string;
  limit?: number;
  offset?: number;
}

/** @inline */
export interface NewestFirstParams {
  orgId: string;
  status?: string;
  userId?: string;
  afterAt?: string;
  afterId?: string;
  limit: number;
}

/** The journal filter as template parameters (the shape follows from which ones are set). */
export function journalParams(
  orgId: string,
  filter: LedgerFilter,
  after?: Cursor,
  limit?: number,
): JournalParams {
  const params: JournalParams = { orgId, userId: filter.userId, from: filter.from, to: filter.to, limit };
  if (after) {
    params.afterAt = after.at;
    params.afterId = after.id;
  }
  filter.type?.forEach((type, i) => {
    params[`t${i}`] = type;
  });
  return params;
}

function journalShape(filter: LedgerFilter, after: boolean, limit: boolean): JournalShape {
  return {
    user: filter.userId !== undefined,
    types: filter.type?.length ?? 0,
    from: filter.from !== undefined,
    to: filter.to !== undefined,
    after,
    limit,
  };
}

/** `%needle%` for LIKE with `\` as the escape character. */
export function containsPattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** List, count and summary queries whose WHERE clause depends on the filter given. */
export function listQueries(dialect: SqlDialect) {
  const { db } = dialect;
  const cache = new TemplateCache();

  function whereJournal<O>(
    qb: SelectQueryBuilder<AllotDatabase, 'journal', O>,
    p: JournalParams,
    shape: JournalShape,
  ): SelectQueryBuilder<AllotDatabase, 'journal', O> {
    const types = Array.from({ length: shape.types }, (_, i) => p[`t${i}`] as string);
    return qb
      .where('org_id', '=', p.orgId)
      .$if(shape.user, (q) => q.where('user_id', '=', p.userId as string))
      .$if(shape.types > 0, (q) => q.where('type', 'in', types))
      .$if(shape.from, (q) => q.where('at', '>=', p.from as string))
      .$if(shape.to, (q) => q.where('at', '<', p.to as string))
      .$if(shape.after, (q) =>
        q.where((eb) => eb(eb.refTuple('at', 'id'), '<', eb.tuple(p.afterAt as string, p.afterId as string))),
      );
  }

  return {
    /** Entries newest first (`at` desc, `id` desc), optionally after a cursor and limited. */
    journal(filter: LedgerFilter, after: boolean, limit: boolean): Template<JournalParams> {
      const shape = journalShape(filter, after, limit);
      return cache.get(`journal:${JSON.stringify(shape)}`, () =>
        template<JournalParams>((p) =>
          whereJournal(db.selectFrom('journal').select(COLUMNS.journal), p, shape)
            .orderBy('at', 'desc')
            .orderBy('id', 'desc')
            .$if(shape.limit, (q) => q.limit(p.limit as number)),
        ),
      );
    },

    /**
     * Σ amount of each summarised event type over the filter, as one row in one pass
     * (`sum(case when type = … then amount end)`). A `GROUP BY type` would lead the planner to
     * walk the type index and fetch every row through it: 19× slower on SQLite over 1M entries.
     */
    summary(filter: LedgerFilter): Template<JournalParams> {
      const shape = journalShape(filter, false, false);
      return cache.get(`summary:${JSON.stringify(shape)}`, () =>
        template<JournalParams>((p) =>
          whereJournal(
            db
              .selectFrom('journal')
              .select((eb) =>
                SUMMARY_TYPES.map((type) =>
                  eb.fn.sum(eb.case().when('type', '=', sql.lit(type)).then(eb.ref('amount')).end()).as(type),
                ),
              ),
            p,
            shape,
          ),
        ),
      );
    },

    members(search: boolean, includeRemoved: boolean, count: boolean): Template<MembersParams> {
      return cache.get(`members:${search}:${includeRemoved}:${count}`, () =>
        template<MembersParams>((p) => {
          const base = db
            .selectFrom('members')
            .where('org_id', '=', p.orgId)
            .$if(!includeRemoved, (q) => q.where('status', '=', 'active'))
            .$if(search, (q) =>
              q.where((eb) =>
                eb.or([
                  sql<SqlBool>`lower(${eb.ref('name')}) like ${p.pattern} escape '\\'`,
                  sql<SqlBool>`${eb.ref('email')} like ${p.pattern} escape '\\'`,
                ]),
              ),
            );
          if (count) return base.select((eb) => eb.fn.countAll().as('count'));
          return base
            .select(COLUMNS.members)
            .orderBy(sql`lower(${sql.ref('name')})`)
            .orderBy(dialect.binary('name'), 'desc')
            .orderBy('user_id')
            .limit(p.limit as number)
            .offset(p.offset as number);
        }),
      );
    },

    /**
     * Requests or holds of one organization, newest first (`created_at` desc, then `id` desc),
     * optionally of one status and one member, strictly after a cursor.
     */
    newestFirst(
      table: 'requests' | 'holds',
      status: boolean,
      user: boolean,
      after: boolean,
    ): Template<NewestFirstParams> {
      return cache.get(`${table}:${status}:${user}:${after}`, () =>
        template<NewestFirstParams>((p) =>
          db
            .selectFrom(table)
            .select(COLUMNS[table])
            .where('org_id', '=', p.orgId)
            .$if(status, (q) => q.where('status', '=', p.status as string))
            .$if(user, (q) => q.where('user_id', '=', p.userId as string))
            .$if(after, (q) =>
              q.where((eb) =>
                eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(p.afterAt as string, p.afterId as string)),
              ),
            )
            .orderBy('created_at', 'desc')
            .orderBy('id', 'desc')
            .limit(p.limit),
        ),
      );
    },
  };
}

export type ListQueries = ReturnType<typeof listQueries>;
