import type { Result, ResultAsync } from 'neverthrow';
import type { AllotError } from './errors';

/**
 * An {@link AllotError} thrown by {@link orThrow}, for code that prefers `try/catch`: a real
 * `Error` with a stack, the error's `code` and message, and the whole typed error as `error`
 * (its details: `issues`, `requested`/`available`, …). The store's own error, when there is one,
 * is the `cause`.
 *
 * @example
 * ```ts
 * try {
 *   await orThrow(allot.consume({ actor: actors.system(), orgId: 'acme', userId: 'bob', amount: 5, idempotencyKey: 'job-1' }));
 * } catch (failure) {
 *   if (failure instanceof AllotFailure && failure.error.code === 'insufficient_credits') {
 *     console.log(`${failure.error.available} left`);
 *   } else throw failure;
 * }
 * ```
 */
export class AllotFailure<E extends AllotError = AllotError> extends Error {
  override readonly name = 'AllotFailure';
  /** The error's code, as on `error`. */
  readonly code: E['code'];
  /** Brand checked by {@link isAllotFailure}; survives duplicated installs where `instanceof` would not. */
  readonly allotFailure = true;

  constructor(readonly error: E) {
    super(error.message, 'cause' in error && error.cause !== undefined ? { cause: error.cause } : undefined);
    this.code = error.code;
  }
}

/**
 * True when `value` is an {@link AllotFailure} (checked by brand, so also across duplicated installs).
 *
 * @example
 * ```ts
 * process.on('unhandledRejection', (reason) => {
 *   if (isAllotFailure(reason)) console.error(reason.code, reason.message);
 * });
 * ```
 */
export function isAllotFailure(value: unknown): value is AllotFailure {
  return (
    value instanceof Error && (value as { allotFailure?: unknown }).allotFailure === true && 'error' in value
  );
}

/**
 * The value of an Allot call, or a thrown {@link AllotFailure} carrying its typed error: the
 * one call that turns the `Result` style into the `try/catch` style.
 *
 * @example
 * ```ts
 * const overview = await orThrow(allot.overview({ actor: actors.user('acme', 'ada') }));
 * console.log(overview.remaining);
 * ```
 */
export async function orThrow<T, E extends AllotError>(
  result: ResultAsync<T, E> | Result<T, E> | Promise<Result<T, E>>,
): Promise<T> {
  const settled = await result;
  if (settled.isErr()) throw new AllotFailure(settled.error);
  return settled.value;
}
