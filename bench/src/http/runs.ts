import { spread } from '../harness/stats';
import type { ServerRun } from './measure-server';
import type { Which } from './plan';
import type { AllotServer } from './protocol';

/** Every run of every measurement, by server and measurement. */
export type RunsOf = Map<`${AllotServer} ${Which}`, ServerRun[]>;

/** The runs of one measurement; throws when it never ran. */
export function runsOf(runs: RunsOf, server: AllotServer, which: Which): ServerRun[] {
  const found = runs.get(`${server} ${which}`);
  if (!found || found.length === 0) throw new Error(`no runs of ${server} ${which}`);
  return found;
}

/** The median of some values. */
export const median = (values: number[]): number => spread(values).median;
