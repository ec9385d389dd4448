import { sql } from 'kysely';
import type { SqlDialect } from '../dialect';
import { type Template, template } from '../template';
import { TemplateCache } from './cache';

/** Rows per `DELETE … WHERE position IN (…)` when completing delivered events. */
export const REFS_PER_STATEMENT = 100;

/**
 * A claimed row: its position, and the id of the event it held. SQLite may give a deleted last
 * position to the next insert, so a late complete or retry (after its lease ran out and another
 * dispatcher finished the event) must also match the id, or it would hit a newer event.
 */
export interface OutboxRef {
  position: string;
  id: string;
}

/** The `ref` a claim hands out: `position:id` (a position is digits, so the first `:` splits). */
export function encodeRef(ref: OutboxRef): string {
  return `${ref.position}:${ref.id}`;
}

export function decodeRef(ref: string): OutboxRef {
  const at = ref.indexOf(':');
  return { position: ref.slice(0, at), id: ref.slice(at + 1) };
}

/** @inline */
export interface ClaimParams {
  now: string;
  leaseUntil: string;
  limit: number;
}

/** @inline */
export interface RetryParams extends OutboxRef {
  availableAt: string;
  error: string;
}

/** The parameter names of the `i`th row of a delete: its position and its event id. */
function refParams(i: number): [`p${number}`, `e${number}`] {
  return [`p${i}`, `e${i}`];
}

/** The parameters of `complete(refs.length)` for these refs. */
export function completeParams(refs: string[]): Record<string, string> {
  return Object.fromEntries(
    refs.flatMap((ref, i) => {
      const { position, id } = decodeRef(ref);
      const [p, e] = refParams(i);
      return [
        [p, position],
        [e, id],
      ];
    }),
  );
}

/**
 * The dispatcher's statements on the outbox. A claim is one `UPDATE … WHERE position IN
 * (SELECT … LIMIT n) RETURNING …`: the sub-select takes the oldest due rows and the update moves
 * them to the end of their lease. On Postgres the sub-select locks its rows `FOR UPDATE SKIP
 * LOCKED`, so a concurrent claim takes the next rows instead of waiting for (or repeating) these.
 * On SQLite the statement is its own write transaction, which excludes every other writer.
 * Delivered and retried rows are found by position (see {@link OutboxRef}): event ids need no index.
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

    /** Deletes `count` events by position and id (parameters from `completeParams`). */
    complete(count: number): Template<Record<string, string>> {
      const params = Array.from({ length: count }, (_, i) => refParams(i));
      return cache.get(`complete:${count}`, () =>
        template<Record<string, string>>((p) =>
          db
            .deleteFrom('outbox')
            .where(
              'position',
              'in',
              params.map(([position]) => p[position] as string),
            )
            .where(
              'id',
              'in',
              params.map(([, id]) => p[id] as string),
            ),
        ),
      );
    },

    retry: template<RetryParams>((p) =>
      db
        .updateTable('outbox')
        .set({ available_at: p.availableAt, last_error: p.error })
        .where('position', '=', p.position)
        .where('id', '=', p.id),
    ),
  };
}

export type OutboxQueries = ReturnType<typeof outboxQueries>;
