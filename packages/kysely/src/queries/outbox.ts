import { sql } from 'kysely';
import type { SqlDialect } from '../dialect';
import { type Template, template } from '../template';
import { TemplateCache } from './cache';

/** Ids per `DELETE … WHERE id IN (…)` when completing delivered events. */
export const IDS_PER_STATEMENT = 100;

/** @inline */
export interface ClaimParams {
  now: string;
  leaseUntil: string;
  limit: number;
}

/** @inline */
export interface RetryParams {
  id: string;
  availableAt: string;
  error: string;
}

/** The parameter name of the `i`th id of a delete. */
export function idParam(i: number): `i${number}` {
  return `i${i}`;
}

/**
 * The dispatcher's statements on the outbox. A claim is one `UPDATE … WHERE position IN
 * (SELECT … LIMIT n) RETURNING …`: the sub-select takes the oldest due rows and the update moves
 * them to the end of their lease. On Postgres the sub-select locks its rows `FOR UPDATE SKIP
 * LOCKED`, so a concurrent claim takes the next rows instead of waiting for (or repeating) these.
 * On SQLite the statement is its own write transaction, which excludes every other writer.
 */
export function outboxQueries(dialect: SqlDialect) {
  const { db, rowLocks } = dialect;
  const cache = new TemplateCache();

  return {
    claim: template<ClaimParams>((p) =>
      db
        .updateTable('outbox')
        .set({ available_at: p.leaseUntil, attempts: sql<number>`${sql.ref('attempts')} + 1` })
        .where('position', 'in', (eb) =>
          eb
            .selectFrom('outbox')
            .select('position')
            .where('available_at', '<=', p.now)
            .orderBy('position')
            .limit(p.limit)
            .$if(rowLocks, (q) => q.forUpdate().skipLocked()),
        )
        .returning(['position', 'payload', 'attempts']),
    ),

    /** Deletes `count` events by id (parameters `i0` … `i{count-1}`). */
    complete(count: number): Template<Record<`i${number}`, string>> {
      return cache.get(`complete:${count}`, () =>
        template<Record<`i${number}`, string>>((p) =>
          db.deleteFrom('outbox').where(
            'id',
            'in',
            Array.from({ length: count }, (_, i) => p[idParam(i)] as string),
          ),
        ),
      );
    },

    retry: template<RetryParams>((p) =>
      db
        .updateTable('outbox')
        .set({ available_at: p.availableAt, last_error: p.error })
        .where('id', '=', p.id),
    ),
  };
}

export type OutboxQueries = ReturnType<typeof outboxQueries>;
