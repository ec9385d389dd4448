import type { Balance, MembersPage, Organization, Overview, RequestsPage, Summary } from '@allot/core';
import { type UseQueryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { AllotHttpError } from '../http-error';
import type { LedgerFilterParams, MembersParams, MyRequestsParams, RequestsParams } from '../params';
import { useAllotClient } from '../provider';
import { allotKeys } from '../query-keys';

/**
 * TanStack Query options a read hook passes through (everything but the key and function).
 *
 * @example
 * ```ts
 * useOverview({ refetchInterval: 30_000 });
 * ```
 */
export type QueryOptions<T> = Omit<UseQueryOptions<T, AllotHttpError>, 'queryKey' | 'queryFn'>;

/**
 * The organization's overview: pool, used, remaining, members, pending requests, health and
 * billing period (admin).
 *
 * @example
 * ```tsx
 * const { data } = useOverview();
 * return <p>{data?.remaining} of {data?.monthlyPool} left</p>;
 * ```
 */
export function useOverview(options: QueryOptions<Overview> = {}): UseQueryResult<Overview, AllotHttpError> {
  const client = useAllotClient();
  return useQuery({
    ...options,
    queryKey: allotKeys.overview(),
    queryFn: ({ signal }) => client.overview({ signal }),
  });
}

/**
 * One page of members with their allocation, usage and remaining credits (admin).
 *
 * @example
 * ```tsx
 * const { data } = useMembers({ search: 'ada', limit: 20 });
 * ```
 */
export function useMembers(
  params: MembersParams = {},
  options: QueryOptions<MembersPage> = {},
): UseQueryResult<MembersPage, AllotHttpError> {
  const client = useAllotClient();
  return useQuery({
    ...options,
    queryKey: allotKeys.membersPage(params),
    queryFn: ({ signal }) => client.members(params, { signal }),
  });
}

/**
 * The organization's settings (admin).
 *
 * @example
 * ```tsx
 * const { data: org } = useSettings();
 * ```
 */
export function useSettings(
  options: QueryOptions<Organization> = {},
): UseQueryResult<Organization, AllotHttpError> {
  const client = useAllotClient();
  return useQuery({
    ...options,
    queryKey: allotKeys.settings(),
    queryFn: ({ signal }) => client.settings({ signal }),
  });
}

/**
 * Credit requests, newest first: all of them for an admin (the organization's queue), the
 * caller's own for a member. For a "my requests" view use {@link useMyRequests}, which is the
 * caller's own whatever their role.
 *
 * @example
 * ```tsx
 * const { data } = useRequests('pending');
 * ```
 */
export function useRequests(
  status: RequestsParams['status'] = 'all',
  params: Omit<RequestsParams, 'status'> = {},
  options: QueryOptions<RequestsPage> = {},
): UseQueryResult<RequestsPage, AllotHttpError> {
  const client = useAllotClient();
  const all = { ...params, status };
  return useQuery({
    ...options,
    queryKey: allotKeys.requestsList(all),
    queryFn: ({ signal }) => client.requests(all, { signal }),
  });
}

/**
 * The signed-in person's own credit requests, newest first (`GET /me/requests`): only theirs
 * for an admin too, unlike {@link useRequests}. Every request listed is one they may cancel
 * while it is pending.
 *
 * @example
 * ```tsx
 * const mine = useMyRequests('all', { limit: 10 });
 * const pending = mine.data?.items.filter((request) => request.status === 'pending') ?? [];
 * ```
 */
export function useMyRequests(
  status: MyRequestsParams['status'] = 'all',
  params: Omit<MyRequestsParams, 'status'> = {},
  options: QueryOptions<RequestsPage> = {},
): UseQueryResult<RequestsPage, AllotHttpError> {
  const client = useAllotClient();
  const all = { ...params, status };
  return useQuery({
    ...options,
    queryKey: allotKeys.myRequestsList(all),
    queryFn: ({ signal }) => client.myRequests(all, { signal }),
  });
}

/**
 * Usage, allocated, revoked and refunded totals over a ledger filter.
 *
 * @example
 * ```tsx
 * const { data } = useSummary({ userId: 'bob', from: '2026-11-01' });
 * ```
 */
export function useSummary(
  filter: LedgerFilterParams = {},
  options: QueryOptions<Summary> = {},
): UseQueryResult<Summary, AllotHttpError> {
  const client = useAllotClient();
  return useQuery({
    ...options,
    queryKey: allotKeys.summaryOf(filter),
    queryFn: ({ signal }) => client.summary(filter, { signal }),
  });
}

/**
 * The signed-in member's own balance for this period.
 *
 * @example
 * ```tsx
 * const { data } = useBalance();
 * return <p>{data?.remaining} credits left</p>;
 * ```
 */
export function useBalance(options: QueryOptions<Balance> = {}): UseQueryResult<Balance, AllotHttpError> {
  const client = useAllotClient();
  return useQuery({
    ...options,
    queryKey: allotKeys.balance(),
    queryFn: ({ signal }) => client.balance({ signal }),
  });
}
