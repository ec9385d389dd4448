import { isDeepStrictEqual } from 'node:util';
import type { Call } from '../model/calls';
import { diffState, type ObservedState } from '../model/compare';
import { commit, expectCall } from '../model/decide';
import type { Model } from '../model/model';
import { codeOf, type Outcome } from '../support/results';

/** One call of a concurrent batch and what the store answered. */
export interface Observed {
  call: Call;
  outcome: Outcome<unknown>;
}

/**
 * Allot authorizes a member's own call (submit, cancel) by reading their membership before it
 * locks any row, so a member removed by a concurrent call can pass authorization and then find
 * their own row removed: the call is refused with `not_found` instead of `forbidden`. Either way
 * nothing is written; the model accepts that one substitution (see docs/reliability.md).
 */
function authorizedBeforeRemoval(expected: string, actual: string): boolean {
  return expected === 'forbidden' && actual === 'not_found';
}

/**
 * Looks for a serial order of a concurrent batch that explains it: replaying the calls on the
 * model in that order gives every call its observed answer (a replay under a key returns exactly
 * the first success) and ends in the observed state. Returns the order and the model after it,
 * or null when no order does (the batch was not linearizable).
 */
export function linearize(
  model: Model,
  batch: Observed[],
  observed: ObservedState,
): { order: number[]; model: Model } | null {
  const search = (
    current: Model,
    left: number[],
    order: number[],
  ): { order: number[]; model: Model } | null => {
    if (left.length === 0)
      return diffState(observed, current).length === 0 ? { order, model: current } : null;
    for (const index of left) {
      const { call, outcome } = batch[index] as Observed;
      const trial = structuredClone(current);
      const expected = expectCall(trial, call);
      if (expected.code !== codeOf(outcome) && !authorizedBeforeRemoval(expected.code, codeOf(outcome)))
        continue;
      if (outcome.ok && expected.replay !== undefined && !isDeepStrictEqual(outcome.value, expected.replay))
        continue;
      commit(trial, call, expected, outcome.ok ? outcome.value : undefined);
      const found = search(
        trial,
        left.filter((i) => i !== index),
        [...order, index],
      );
      if (found) return found;
    }
    return null;
  };
  return search(
    model,
    batch.map((_, i) => i),
    [],
  );
}
