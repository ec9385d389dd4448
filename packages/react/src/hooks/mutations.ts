import { type MutationOptions, type MutationResult, useAllotMutation } from './mutation';

/**
 * Sets a member's **total** allocation (it does not add). Refreshes members, overview, ledger,
 * summary and balances. Fails with `insufficient_pool` when the pool lacks the difference.
 *
 * @example
 * ```tsx
 * const assign = useAssign();
 * assign.mutate({ userId: 'bob', total: 500 });
 * if (assign.error?.code === 'insufficient_pool') alert(assign.error.detail);
 * ```
 */
export function useAssign(options: MutationOptions<'assign'> = {}): MutationResult<'assign'> {
  return useAllotMutation('assign', options);
}

/**
 * Takes credits back from a member into the pool (at most their remaining credits).
 *
 * @example
 * ```tsx
 * useRevoke().mutate({ userId: 'bob', amount: 100 });
 * ```
 */
export function useRevoke(options: MutationOptions<'revoke'> = {}): MutationResult<'revoke'> {
  return useAllotMutation('revoke', options);
}

/**
 * Makes a member an admin or a member (an organization keeps at least one admin).
 *
 * @example
 * ```tsx
 * useSetRole().mutate({ userId: 'bob', role: 'admin' });
 * ```
 */
export function useSetRole(options: MutationOptions<'setRole'> = {}): MutationResult<'setRole'> {
  return useAllotMutation('setRole', options);
}

/**
 * Removes a member; their remaining allocation returns to the pool and their history stays.
 *
 * @example
 * ```tsx
 * useRemoveMember().mutate({ userId: 'bob' });
 * ```
 */
export function useRemoveMember(
  options: MutationOptions<'removeMember'> = {},
): MutationResult<'removeMember'> {
  return useAllotMutation('removeMember', options);
}

/**
 * Changes the organization's settings (monthly pool, domains, thresholds, …).
 *
 * @example
 * ```tsx
 * useUpdateSettings().mutate({ monthlyPool: 20_000 });
 * ```
 */
export function useUpdateSettings(
  options: MutationOptions<'updateSettings'> = {},
): MutationResult<'updateSettings'> {
  return useAllotMutation('updateSettings', options);
}

/**
 * The signed-in member asks for more credits. Refreshes requests, the overview's pending badge
 * and the ledgers.
 *
 * @example
 * ```tsx
 * useSubmitRequest().mutate({ amount: 500, message: 'Launch week' });
 * ```
 */
export function useSubmitRequest(
  options: MutationOptions<'submitRequest'> = {},
): MutationResult<'submitRequest'> {
  return useAllotMutation('submitRequest', options);
}

/**
 * Approves a pending request (optionally for less), allocating from the pool. Refreshes
 * requests, members, overview, ledger, summary and balances.
 *
 * @example
 * ```tsx
 * useApproveRequest().mutate({ requestId, amount: 300 });
 * ```
 */
export function useApproveRequest(
  options: MutationOptions<'approveRequest'> = {},
): MutationResult<'approveRequest'> {
  return useAllotMutation('approveRequest', options);
}

/**
 * Rejects a pending request; no credits move.
 *
 * @example
 * ```tsx
 * useRejectRequest().mutate({ requestId, reason: 'Not this month' });
 * ```
 */
export function useRejectRequest(
  options: MutationOptions<'rejectRequest'> = {},
): MutationResult<'rejectRequest'> {
  return useAllotMutation('rejectRequest', options);
}

/**
 * The requester withdraws their own pending request.
 *
 * @example
 * ```tsx
 * useCancelRequest().mutate({ requestId });
 * ```
 */
export function useCancelRequest(
  options: MutationOptions<'cancelRequest'> = {},
): MutationResult<'cancelRequest'> {
  return useAllotMutation('cancelRequest', options);
}

/**
 * Adds credits to this billing period's pool on top of the monthly pool (admin); top-ups reset
 * at rollover. Refreshes the overview, ledger, summary and settings.
 *
 * @example
 * ```tsx
 * const topUp = useTopUp();
 * topUp.mutate({ amount: 2_000, reason: 'Launch week' });
 * topUp.data?.pool; // the monthly pool plus this period's top-ups
 * ```
 */
export function useTopUp(options: MutationOptions<'topUp'> = {}): MutationResult<'topUp'> {
  return useAllotMutation('topUp', options);
}
