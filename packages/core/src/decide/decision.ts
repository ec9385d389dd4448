import type { Result } from 'neverthrow';
import type { AllotError } from '../errors';
import type { ChangeSet } from '../port';

/**
 * What a pure decision returns: the changes to write and the result to hand back.
 *
 * @example
 * ```ts
 * const decided = decideConsume(member, input, ctx);
 * if (decided.isErr()) throw new AbortTransaction(decided.error); // rolls the transaction back
 * const decision: Decision<ConsumeResult> = decided.value;
 * await tx.write(decision.changes);
 * ```
 */
export interface Decision<R> {
  changes: ChangeSet;
  result: R;
}

/**
 * What every pure decision returns: the changes and result, or the `AllotError` that refuses the
 * command (nothing is written then).
 *
 * @example
 * ```ts
 * const outcome: DecisionResult<ConsumeResult> = decideConsume(member, input, ctx);
 * if (outcome.isErr()) console.log(outcome.error.code); // e.g. 'insufficient_credits'
 * ```
 */
export type DecisionResult<R> = Result<Decision<R>, AllotError>;
