import {
  type UseMutationOptions,
  type UseMutationResult,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import type { AllotClient } from '../client';
import type { AllotHttpError } from '../http-error';
import { invalidateAfter, type MutationName } from '../invalidation';
import { useAllotClient } from '../provider';

/**
 * The variables a client mutation takes.
 *
 * @example
 * ```ts
 * const variables: VariablesOf<'assign'> = { userId: 'bob', total: 500 };
 * ```
 */
export type VariablesOf<M extends MutationName> = Parameters<AllotClient[M]>[0];
/**
 * What a client mutation resolves with.
 *
 * @example
 * ```ts
 * const onDone = (result: DataOf<'assign'>) => console.log(result.member.remaining);
 * ```
 */
export type DataOf<M extends MutationName> = Awaited<ReturnType<AllotClient[M]>>;

/**
 * TanStack Query mutation options a mutation hook passes through.
 *
 * @example
 * ```ts
 * useAssign({ onSuccess: () => closeDialog() });
 * ```
 */
export type MutationOptions<M extends MutationName> = Omit<
  UseMutationOptions<DataOf<M>, AllotHttpError, VariablesOf<M>>,
  'mutationFn'
>;

/**
 * The result of a mutation hook, its error typed as {@link AllotHttpError}.
 *
 * @example
 * ```tsx
 * const assign: MutationResult<'assign'> = useAssign();
 * assign.error?.code; // e.g. 'insufficient_pool'
 * ```
 */
export type MutationResult<M extends MutationName> = UseMutationResult<
  DataOf<M>,
  AllotHttpError,
  VariablesOf<M>
>;

/**
 * Runs one client mutation and, once it succeeded, invalidates exactly the queries it changed
 * (see `invalidates`) before the caller's own `onSuccess` runs.
 */
export function useAllotMutation<M extends MutationName>(
  name: M,
  options: MutationOptions<M> = {},
): MutationResult<M> {
  const client = useAllotClient();
  const queryClient = useQueryClient();
  const run = client[name] as (variables: VariablesOf<M>) => Promise<DataOf<M>>;
  return useMutation({
    ...options,
    mutationFn: (variables: VariablesOf<M>) => run(variables),
    onSuccess: async (...args) => {
      await invalidateAfter(queryClient, name);
      await options.onSuccess?.(...args);
    },
  });
}
