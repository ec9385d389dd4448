import type { LedgerPage } from '@allot/core';
import { type InfiniteData, type UseInfiniteQueryResult, useInfiniteQuery } from '@tanstack/react-query';
import type { AllotHttpError } from '../http-error';
import type { LedgerFilterParams, MyLedgerFilterParams } from '../params';
import { useAllotClient } from '../provider';
import { allotKeys } from '../query-keys';

/**
 * Options of the ledger hooks.
 *
 * @example
 * ```ts
 * useLedger({ type: ['usage'] }, { limit: 25, enabled: isAdmin });
 * ```
 */
export interface LedgerHookOptions {
  /** Entries per page (the server's default when omitted). */
  limit?: number;
  /** Set to false to hold the query. */
  enabled?: boolean;
}

/**
 * The result of a ledger hook: TanStack's infinite query over {@link LedgerPage}s.
 *
 * @example
 * ```tsx
 * const ledger: LedgerQueryResult = useLedger({ type: ['usage'] });
 * const entries = ledger.data?.pages.flatMap((page) => page.items) ?? [];
 * ```
 */
export type LedgerQueryResult = UseInfiniteQueryResult<
  InfiniteData<LedgerPage, string | undefined>,
  AllotHttpError
>;

/**
 * The journal, newest first, filtered by user, event types and date range, paged by cursor:
 * `data.pages` grows with each `fetchNextPage()` while `hasNextPage` is true. Admins see the
 * whole organization; members only themselves.
 *
 * @example
 * ```tsx
 * const ledger = useLedger({ userId: 'bob', type: ['usage', 'refund'] }, { limit: 25 });
 * const rows = ledger.data?.pages.flatMap((page) => page.items) ?? [];
 * ```
 */
export function useLedger(
  filter: LedgerFilterParams = {},
  options: LedgerHookOptions = {},
): LedgerQueryResult {
  const client = useAllotClient();
  return useInfiniteQuery({
    queryKey: allotKeys.ledgerList(filter, options.limit),
    queryFn: ({ pageParam, signal }) =>
      client.ledger({ ...filter, cursor: pageParam, limit: options.limit }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled,
  });
}

/**
 * The signed-in member's own journal, newest first, paged by cursor.
 *
 * @example
 * ```tsx
 * const history = useMyLedger({ type: ['usage'] });
 * ```
 */
export function useMyLedger(
  filter: MyLedgerFilterParams = {},
  options: LedgerHookOptions = {},
): LedgerQueryResult {
  const client = useAllotClient();
  return useInfiniteQuery({
    queryKey: allotKeys.myLedgerList(filter, options.limit),
    queryFn: ({ pageParam, signal }) =>
      client.myLedger({ ...filter, cursor: pageParam, limit: options.limit }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled,
  });
}
