import type { HoldsPage } from '@allot/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { AllotHttpError } from '../http-error';
import type { HoldsParams, MyHoldsParams } from '../params';
import { useAllotClient } from '../provider';
import { allotKeys } from '../query-keys';
import { type MutationOptions, type MutationResult, useAllotMutation } from './mutation';
import type { QueryOptions } from './queries';

/**
 * One page of holds, newest first: the `active` ones unless `status` says otherwise (`all`,
 * `captured`, `released`, `expired`). Admins see every member's (or one member's with
 * `userId`); members only their own. Pass the page's `nextCursor` as `cursor` for the next page.
 * For a "my holds" view use {@link useMyHolds}, which is the caller's own whatever their role.
 *
 * @example
 * ```tsx
 * const { data } = useHolds({ status: 'active', userId: 'bob' });
 * const held = data?.items.reduce((sum, hold) => sum + hold.amount, 0) ?? 0;
 * ```
 */
export function useHolds(
  params: HoldsParams = {},
  options: QueryOptions<HoldsPage> = {},
): UseQueryResult<HoldsPage, AllotHttpError> {
  const client = useAllotClient();
  return useQuery({
    ...options,
    queryKey: allotKeys.holdsList(params),
    queryFn: ({ signal }) => client.holds(params, { signal }),
  });
}

/**
 * The signed-in person's own holds, newest first (`GET /me/holds`), the `active` ones unless
 * `status` says otherwise: only theirs for an admin too, unlike {@link useHolds}.
 *
 * @example
 * ```tsx
 * const { data } = useMyHolds();
 * const running = data?.items.length ?? 0; // my jobs still holding credits
 * ```
 */
export function useMyHolds(
  params: MyHoldsParams = {},
  options: QueryOptions<HoldsPage> = {},
): UseQueryResult<HoldsPage, AllotHttpError> {
  const client = useAllotClient();
  return useQuery({
    ...options,
    queryKey: allotKeys.myHoldsList(params),
    queryFn: ({ signal }) => client.myHolds(params, { signal }),
  });
}

/**
 * Reserves credits of a member for work that has not finished yet: they leave the member's
 * `remaining` (and show as `held`) until captured, released or expired. The `idempotencyKey` is
 * required. Refreshes holds, members, balances, overview, ledgers and summary. Fails with
 * `insufficient_credits` when the member has less remaining.
 *
 * @example
 * ```tsx
 * const reserve = useReserve();
 * reserve.mutate({ userId: 'bob', amount: 300, ttlSeconds: 600, idempotencyKey: `job-${jobId}` });
 * if (reserve.error?.code === 'insufficient_credits') alert(reserve.error.detail);
 * ```
 */
export function useReserve(options: MutationOptions<'reserve'> = {}): MutationResult<'reserve'> {
  return useAllotMutation('reserve', options);
}

/**
 * Turns an active hold into usage: all of it, or `amount` of it (the rest returns to the
 * member). The `idempotencyKey` is required. Fails with `hold_not_active` when the hold was
 * already captured, released or expired.
 *
 * @example
 * ```tsx
 * const capture = useCapture();
 * capture.mutate({ holdId, amount: 240, idempotencyKey: `job-${jobId}:capture` });
 * if (capture.error?.code === 'hold_not_active') console.log(capture.error.problem.status);
 * ```
 */
export function useCapture(options: MutationOptions<'capture'> = {}): MutationResult<'capture'> {
  return useAllotMutation('capture', options);
}

/**
 * Releases an active hold: its credits return to the member's `remaining`. Fails with
 * `hold_not_active` when the hold is no longer active.
 *
 * @example
 * ```tsx
 * useRelease().mutate({ holdId });
 * ```
 */
export function useRelease(options: MutationOptions<'release'> = {}): MutationResult<'release'> {
  return useAllotMutation('release', options);
}
