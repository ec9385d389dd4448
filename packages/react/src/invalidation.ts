import type { QueryClient } from '@tanstack/react-query';
import { groupKey, type QueryGroup } from './query-keys';

/**
 * Which queries each mutation changes, and so refreshes. Every command writes a journal entry,
 * so all of them touch the ledgers; only those that move credits touch the summary and
 * balances; only those that change the pending count touch the overview's badge. Holds move a
 * member's `held` and `remaining` (and the overview's `held`); a top-up grows the period's pool.
 * A change to requests or holds refreshes both the organization's lists and the caller's own
 * (`myRequests`, `myHolds`).
 *
 * @example
 * ```ts
 * invalidates.approveRequest;
 * // ['requests', 'myRequests', 'members', 'overview', 'ledger', 'summary', 'balance', 'myLedger']
 * ```
 */
export const invalidates = {
  assign: ['members', 'overview', 'ledger', 'summary', 'balance', 'myLedger'],
  revoke: ['members', 'overview', 'ledger', 'summary', 'balance', 'myLedger'],
  setRole: ['members', 'ledger', 'myLedger'],
  // Removal cancels the member's pending requests and releases their holds.
  removeMember: [
    'members',
    'overview',
    'ledger',
    'summary',
    'balance',
    'myLedger',
    'requests',
    'myRequests',
    'holds',
    'myHolds',
  ],
  updateSettings: ['settings', 'overview', 'ledger', 'balance'],
  submitRequest: ['requests', 'myRequests', 'overview', 'ledger', 'myLedger'],
  approveRequest: [
    'requests',
    'myRequests',
    'members',
    'overview',
    'ledger',
    'summary',
    'balance',
    'myLedger',
  ],
  rejectRequest: ['requests', 'myRequests', 'overview', 'ledger', 'myLedger'],
  cancelRequest: ['requests', 'myRequests', 'overview', 'ledger', 'myLedger'],
  reserve: ['holds', 'myHolds', 'members', 'balance', 'overview', 'ledger', 'summary', 'myLedger'],
  capture: ['holds', 'myHolds', 'members', 'balance', 'overview', 'ledger', 'summary', 'myLedger'],
  release: ['holds', 'myHolds', 'members', 'balance', 'overview', 'ledger', 'summary', 'myLedger'],
  topUp: ['overview', 'ledger', 'summary', 'settings'],
} as const satisfies Record<string, readonly QueryGroup[]>;

/**
 * A mutation of the client that changes server state.
 *
 * @example
 * ```ts
 * const name: MutationName = 'approveRequest';
 * invalidates[name]; // the query groups it refreshes
 * ```
 */
export type MutationName = keyof typeof invalidates;

/** Marks the queries a mutation changed as stale; the ones on screen refetch at once. */
export async function invalidateAfter(queryClient: QueryClient, mutation: MutationName): Promise<void> {
  await Promise.all(
    invalidates[mutation].map((group) => queryClient.invalidateQueries({ queryKey: groupKey(group) })),
  );
}
