import type {
  HoldsParams,
  LedgerFilterParams,
  MembersParams,
  MyHoldsParams,
  MyLedgerFilterParams,
  MyRequestsParams,
  RequestsParams,
} from './params';

const root = ['allot'] as const;

/**
 * Every query key the hooks use, in one place. Each group's first key is the prefix of all its
 * queries, so `queryClient.invalidateQueries({ queryKey: allotKeys.members() })` refreshes every
 * members page; `allotKeys.all` covers everything (clear it when the signed-in user changes).
 *
 * @example
 * ```ts
 * queryClient.invalidateQueries({ queryKey: allotKeys.overview() });
 * queryClient.removeQueries({ queryKey: allotKeys.all });
 * ```
 */
export const allotKeys = {
  all: root,
  overview: () => [...root, 'overview'] as const,
  settings: () => [...root, 'settings'] as const,
  members: () => [...root, 'members'] as const,
  membersPage: (params: MembersParams) => [...root, 'members', params] as const,
  requests: () => [...root, 'requests'] as const,
  requestsList: (params: RequestsParams) => [...root, 'requests', params] as const,
  holds: () => [...root, 'holds'] as const,
  holdsList: (params: HoldsParams) => [...root, 'holds', params] as const,
  ledger: () => [...root, 'ledger'] as const,
  ledgerList: (filter: LedgerFilterParams, limit?: number) =>
    [...root, 'ledger', { ...filter, limit }] as const,
  summary: () => [...root, 'summary'] as const,
  summaryOf: (filter: LedgerFilterParams) => [...root, 'summary', filter] as const,
  balance: () => [...root, 'me', 'balance'] as const,
  myLedger: () => [...root, 'me', 'ledger'] as const,
  myLedgerList: (filter: MyLedgerFilterParams, limit?: number) =>
    [...root, 'me', 'ledger', { ...filter, limit }] as const,
  myRequests: () => [...root, 'me', 'requests'] as const,
  myRequestsList: (params: MyRequestsParams) => [...root, 'me', 'requests', params] as const,
  myHolds: () => [...root, 'me', 'holds'] as const,
  myHoldsList: (params: MyHoldsParams) => [...root, 'me', 'holds', params] as const,
};

/**
 * A group of queries a mutation can change.
 *
 * @example
 * ```ts
 * const groups: QueryGroup[] = ['members', 'overview'];
 * ```
 */
export type QueryGroup =
  | 'overview'
  | 'settings'
  | 'members'
  | 'requests'
  | 'holds'
  | 'ledger'
  | 'summary'
  | 'balance'
  | 'myLedger'
  | 'myRequests'
  | 'myHolds';

/** The key prefix that covers every query of a group. */
export function groupKey(group: QueryGroup): readonly string[] {
  return allotKeys[group]();
}
