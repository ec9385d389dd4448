import { randomUUID } from 'node:crypto';
import { actors, createAllot, createManualClock } from '@allot/core';
import { checkInvariants } from '@allot/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fcParameters } from '../support/fc-parameters';
import { type Figures, recordFigures, tally } from '../support/figures';
import type { AdapterName } from '../support/store-spec';
import { openTarget, type Target } from '../support/targets';
import { commandArbitrary } from './commands';
import { initialModel, type Model, START } from './model';
import { type Run, step } from './step';

const settingsArbitrary: fc.Arbitrary<Pick<Model, 'monthlyPool' | 'defaultAllocation' | 'policy'>> =
  fc.record({
    monthlyPool: fc.constantFrom(150, 300),
    defaultAllocation: fc.constantFrom(0, 0, 40),
    policy: fc.constantFrom('carry' as const, 'reset' as const),
  });

type Settings = Pick<Model, 'monthlyPool' | 'defaultAllocation' | 'policy'>;

/** Creates an organization for one run (admin `admin`; `u1` and `u2` enrolled) and its model. */
async function setup(target: Target, settings: Settings, figures: Figures) {
  const clock = createManualClock(START);
  const allot = createAllot({ store: target.store, clock: clock.now });
  const tag = randomUUID().replace(/-/g, '').slice(0, 12);
  const domain = `m${tag}.test`;
  const created = await allot.createOrganization({
    actor: actors.system(),
    id: `org-${tag}`,
    name: 'Model run',
    domains: [domain],
    monthlyPool: settings.monthlyPool,
    defaultAllocation: settings.defaultAllocation,
    rolloverPolicy: settings.policy,
    admins: [{ userId: 'admin', email: `admin@${domain}`, name: 'Admin' }],
  });
  if (created.isErr()) throw new Error(`createOrganization: ${created.error.message}`);
  const model = initialModel(settings);
  const run: Run = { allot, store: target.store, orgId: created.value.id, domain, clock, tally: figures };
  for (const userId of ['u1', 'u2']) await step(model, run, { kind: 'enroll', userId });
  return { model, run };
}

/**
 * Registers the model-based test for one adapter: `numRuns` random command sequences (up to
 * `maxCommands` each) run on a fresh organization of the store and on the reference model; after
 * every command the outcome and the state must match, and after every run `checkInvariants`
 * (with the acknowledged entries and keys, and the refused keys) must find nothing.
 */
export function modelBasedTests(adapter: AdapterName, numRuns: number, maxCommands: number): void {
  describe(`model-based: ${adapter}`, () => {
    let target: Target;
    beforeAll(async () => {
      target = await openTarget(adapter);
    });
    afterAll(async () => {
      await target?.dispose();
    });

    it('matches the reference model on every command, and every invariant holds after each run', async () => {
      const started = Date.now();
      const figures = tally();
      let failed = false;
      try {
        await fc.assert(
          fc.asyncProperty(
            settingsArbitrary,
            fc.commands([commandArbitrary], { maxCommands, size: 'max' }),
            async (settings, commands) => {
              let current: { model: Model; run: Run } | undefined;
              await fc.asyncModelRun(async () => {
                current = await setup(target, settings, figures);
                return { model: current.model, real: current.run };
              }, commands);
              if (!current) return;
              const { model, run } = current;
              const violations = await checkInvariants(target.store, run.orgId, {
                acknowledged: {
                  entryIds: model.acknowledgedEntryIds,
                  idempotencyKeys: Object.entries(model.keys)
                    .filter(([, k]) => k.wrote)
                    .map(([key]) => key),
                },
                rejectedKeys: Object.keys(model.refusedKeys),
              });
              figures.invariantChecks += 1;
              expect(violations).toEqual([]);
            },
          ),
          fcParameters(numRuns),
        );
      } catch (error) {
        failed = true;
        figures.failures += 1;
        throw error;
      } finally {
        if (!failed || figures.failures > 0)
          recordFigures('model-based', adapter, figures, Date.now() - started);
      }
    });
  });
}
