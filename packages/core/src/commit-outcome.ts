import type { AllotStore } from './port';

/**
 * Thrown by an adapter's `transaction` when COMMIT was sent but no answer came back (the
 * connection dropped, the server was killed or terminated the session): the transaction may or
 * may not have committed. Any other error a transaction throws MUST mean it wrote nothing. The
 * service then resolves the outcome itself (see {@link AllotStore.uncertainCommits}).
 *
 * @example
 * ```ts
 * try {
 *   await client.query('COMMIT');
 * } catch (cause) {
 *   if (isConnectionError(cause)) throw new CommitOutcomeUnknown('The connection dropped during COMMIT.', { cause });
 *   throw cause; // the server answered: nothing was committed
 * }
 * ```
 */
export class CommitOutcomeUnknown extends Error {
  readonly allotCommitOutcomeUnknown = true;
}

/**
 * True for a {@link CommitOutcomeUnknown}, also across duplicated installs.
 *
 * @example
 * ```ts
 * if (isCommitOutcomeUnknown(error)) return resolveByRetryingWithTheSameKey();
 * ```
 */
export function isCommitOutcomeUnknown(error: unknown): error is CommitOutcomeUnknown {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as CommitOutcomeUnknown).allotCommitOutcomeUnknown === true
  );
}
