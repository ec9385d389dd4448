import { sql } from 'kysely';
import type { SqlDialect } from '../dialect';
import { type Template, template } from '../template';
import { TemplateCache } from './cache';

/** Rows per `DELETE … WHERE position IN (…)` when completing delivered events. */
export const REFS_PER_STATEMENT = 100;

/** @inline */
export interface ClaimParams {
  now: string;
  leaseUntil: string;
  limit: number;
}

/** @inline */
export interface RetryParams {
  /** The row's position, as the claim returned it. */
  ref: string;
  availableAt: string;
  error: string;
}

/** The parameter name of the `i`th position of a delete. */
export function refParam(i: number): `r${number}` {
  return `r${i}`;
}

/**
 * The dispatcher's statements on the outbox. A claim is one `UPDATE … WHERE position IN
 * (SELECT … LIMIT n) RETURNING …`: the sub-select takes the oldest due rows and the update moves
 * them to the end of their lease. On Postgres the sub-select locks its rows `FOR UPDATE SKIP
 * LOCKED`, so a concurrent claim takes the next rows instead of waiting for (or repeating) these.
 * On SQLite the statement is its own write transaction, which excludes every other writer.
 * Delivered and retried rows are found by position (the claim's `ref`), so event ids need no index.
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

    /** Deletes `count` events by position (parameters `r0` … `r{count-1}`). */
    complete(count: number): Template<Record<`r${number}`, string>> {
      return cache.get(`complete:${count}`, () =>
        template<Record<`r${number}`, string>>((p) =>
          db.deleteFrom('outbox').where(
            'position',
            'in',
            Array.from({ length: count }, (_, i) => p[refParam(i)] as string),
          ),
        ),
      );
    },

    retry: template<RetryParams>((p) =>
      db
        .updateTable('outbox')
        .set({ available_at: p.availableAt, last_error: p.error })
        .where('position', '=', p.ref),
    ),
  };
}

export type OutboxQueries = ReturnType<typeof outboxQueries>;
