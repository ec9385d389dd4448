import type { Result } from 'neverthrow';
import type { AllotError } from '../errors';
import type { ChangeSet } from '../port';

/** What a pure decision returns: the changes to write and the result to hand back. */
export interface Decision<R> {
  changes: ChangeSet;
  result: R;
}

export type DecisionResult<R> = Result<Decision<R>, AllotError>;
