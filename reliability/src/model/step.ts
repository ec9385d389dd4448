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
 * Sends one call to both sides: the real outcome must be the model's (a replay must return the
 * first result, a read must answer what the model holds), then the store's state must equal the
 * model's. Then a second passes.
 */
export async function step(model: Model, run: Run, call: Call): Promise<void> {
  if (run.clock.now().getTime() !== model.now) throw new Error('the model and the run disagree on the time');
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
  const misread = outcome.ok && expected.check ? expected.check(outcome.value) : [];
  if (misread.length > 0) throw new Error(`${showCall(call)}:\n  ${misread.join('\n  ')}`);
  commit(model, call, expected, outcome.ok ? outcome.value : undefined);
  await compareNow(model, run, `after ${showCall(call)}`);
  advance(model, run, 1000);
}

/** Moves the run's clock and the model's together. */
export function advance(model: Model, run: Run, ms: number): void {
  run.clock.advance(ms);
  model.now += ms;
}

/** Compares the store with the model; throws with every difference. */
export async function compareNow(model: Model, run: Run, when: string): Promise<void> {
  const diffs = await differences(run.store, run.orgId, model);
  run.tally.invariantChecks += 1;
  if (diffs.length > 0) throw new Error(`${when}:\n  ${diffs.join('\n  ')}`);
}
