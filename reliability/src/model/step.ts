import type { AllotStore, ManualClock } from '@allot/core';
import { expect } from 'vitest';
import type { Figures } from '../support/figures';
import { codeOf, type Outcome } from '../support/results';
import { type Call, showCall } from './calls';
import { differences } from './compare';
import { commit, expectCall } from './decide';
import { execute, type Real } from './execute';
import type { Model } from './model';

/** Everything a model run acts on: the real Allot plus its store, clock and tally. */
export interface Run extends Real {
  store: AllotStore;
  clock: ManualClock;
  tally: Figures;
}

function show(outcome: Outcome<unknown>): string {
  return outcome.ok ? 'ok' : `${outcome.error.code} (${outcome.error.message})`;
}

/**
 * Sends one call to both sides: the real outcome must be the model's (and a replay must return
 * the first result), then the store's state must equal the model's.
 */
export async function step(model: Model, run: Run, call: Call): Promise<void> {
  const expected = expectCall(model, call);
  const outcome = await execute(run, call);
  run.tally.operations += 1;
  if (codeOf(outcome) !== expected.code) {
    throw new Error(
      `${showCall(call)}: the store answered ${show(outcome)}, the model expected ${expected.code}`,
    );
  }
  if (outcome.ok && expected.replay !== undefined) {
    expect(outcome.value, `${showCall(call)} must replay the first result`).toEqual(expected.replay);
  }
  commit(model, call, expected, outcome.ok ? outcome.value : undefined);
  await compareNow(model, run, `after ${showCall(call)}`);
  run.clock.advance(1000);
}

/** Compares the store with the model; throws with every difference. */
export async function compareNow(model: Model, run: Run, when: string): Promise<void> {
  const diffs = await differences(run.store, run.orgId, model);
  run.tally.invariantChecks += 1;
  if (diffs.length > 0) throw new Error(`${when}:\n  ${diffs.join('\n  ')}`);
}
