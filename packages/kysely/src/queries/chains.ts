import { COLUMNS } from '../codec';
import type { SqlDialect } from '../dialect';
import { type Template, template } from '../template';
import { TemplateCache } from './cache';

/**
 * Parameters of a page of the journal in chain order (see `AllotStore.listJournalChains`).
 * @inline
 */
export interface ChainParams {
  orgId: string;
  userId?: string;
  afterUserId?: string;
  afterSeq?: number;
  afterId?: string;
  limit: number;
}

/**
 * Which chains a page reads: one member's, the organization's own, or every member's.
 *
 * @example
 * ```ts
 * const scope: ChainScope = 'members'; // every member's chain, member by member
 * ```
 */
export type ChainScope = 'member' | 'organization' | 'members';

/**
 * Pages of the journal in chain order (`user_id`, `seq`, `id`), and of members by `user_id`
 * (their primary key). The journal pages walk `journal_org_user_at_idx` in `user_id` order and
 * sort each chain by `seq` (Postgres: an incremental sort), so a page costs about the length of
 * the chain it is in; an index on (org_id, user_id, seq, id) would make it the page's size.
 * Ids are byte-compared (`"C"` collation on Postgres, BINARY on SQLite), the order `compareIds`
 * gives in core.
 */
export function chainQueries(dialect: SqlDialect) {
  const { db } = dialect;
  const cache = new TemplateCache();
  return {
    journal(scope: ChainScope, after: boolean): Template<ChainParams> {
      return cache.get(`chain:${scope}:${after}`, () =>
        template<ChainParams>((p) => {
          const base = db.selectFrom('journal').select(COLUMNS.journal).where('org_id', '=', p.orgId);
          const scoped =
            scope === 'member'
              ? base.where('user_id', '=', p.userId as string)
              : scope === 'organization'
                ? base.where('user_id', 'is', null)
                : base.where('user_id', 'is not', null);
          const paged = !after
            ? scoped
            : scope === 'members'
              ? scoped.where((eb) =>
                  eb(
                    eb.refTuple('user_id', 'seq', 'id'),
                    '>',
                    eb.tuple(p.afterUserId as string, p.afterSeq as number, p.afterId as string),
                  ),
                )
              : scoped.where((eb) =>
                  eb(eb.refTuple('seq', 'id'), '>', eb.tuple(p.afterSeq as number, p.afterId as string)),
                );
          return paged.orderBy('user_id').orderBy('seq').orderBy('id').limit(p.limit);
        }),
      );
    },

    members(after: boolean): Template<ChainParams> {
      return cache.get(`chain-members:${after}`, () =>
        template<ChainParams>((p) =>
          db
            .selectFrom('members')
            .select(COLUMNS.members)
            .where('org_id', '=', p.orgId)
            .$if(after, (q) => q.where('user_id', '>', p.afterUserId as string))
            .orderBy('user_id')
            .limit(p.limit),
        ),
      );
    },
  };
}

export type ChainQueries = ReturnType<typeof chainQueries>;
