import { type Allot, type AllotStore, actors, createAllot, isAllotError } from '@allot/core';
import { checkInvariants } from '@allot/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fcParameters } from '../support/fc-parameters';
import { recordFigures, tally } from '../support/figures';
import { journalOf } from '../support/org';
import { must } from '../support/results';
import type { AdapterName } from '../support/store-spec';
import { openTarget, type Target } from '../support/targets';
import { unstorableText } from './junk';
import { type Ids, METHODS, type MethodSpec } from './methods';
import { seedHostileOrg } from './seed';
import { expectedIssuePath, putString, stringSlots } from './string-slots';

/** Runs per adapter: the SQL stores pay a round trip per read of the footprint. */
const RUNS: Record<AdapterName, number> = { memory: 2000, sqlite: 1000, postgres: 1000 };

/** What the store holds for the organization (and the one createOrganization would make). */
async function footprint(store: AllotStore, allot: Allot, ids: Ids): Promise<string> {
  const actor = actors.system();
  const { orgId } = ids;
  return JSON.stringify([
    await store.getOrganization({ orgId }),
    await store.getOrganization({ orgId: 'junk-org' }),
    (await journalOf(store, orgId)).map((e) => e.id),
    await must(allot.members({ actor, orgId, includeRemoved: true, limit: 500 })),
    await must(allot.requests({ actor, orgId, status: 'all', limit: 500 })),
    await must(allot.holds({ actor, orgId, status: 'all', limit: 500 })),
  ]);
}

describe.each<AdapterName>(['memory', 'sqlite', 'postgres'])('unstorable text on %s', (adapter) => {
  let target: Target;
  let allot: Allot;
  let ids: Ids;
  const figures = tally();
  const started = Date.now();
  beforeAll(async () => {
    target = await openTarget(adapter);
    allot = createAllot({ store: target.store, events: false });
    ids = await seedHostileOrg(allot, `unstorable-${adapter}-${Date.now()}`);
  });
  afterAll(async () => {
    recordFigures('hostile-input', `unstorable text on ${adapter}`, figures, Date.now() - started);
    await target?.dispose();
  });

  it('NUL or an unpaired surrogate in any string of any call is validation naming it, and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        fc.boolean(),
        fc.nat(),
        unstorableText,
        async (spec: MethodSpec, asUser, pick, text) => {
          const valid = spec.valid(ids);
          const base = asUser ? { ...valid, actor: actors.user(ids.orgId, 'admin') } : valid;
          const slots = stringSlots(base);
          const slot = slots[pick % slots.length];
          if (!slot) throw new Error(`${spec.name}: a valid call with no string in it`);
          const call = putString(base, slot, text);
          const before = await footprint(target.store, allot, ids);
          const method = allot[spec.name] as (
            input: unknown,
          ) => PromiseLike<{ isErr(): boolean; error?: unknown }>;
          const result = await method(call);
          figures.operations += 1;
          figures.faults += 1;
          const where = `${spec.name} with ${JSON.stringify(text)} at ${slot.kind} ${slot.path.join('.')}`;
          expect(result.isErr(), `${where} was accepted`).toBe(true);
          expect(isAllotError(result.error), where).toBe(true);
          const error = result.error as { code: string; issues?: { path: string }[] };
          expect(error.code, where).toBe('validation');
          const expected = expectedIssuePath(slot);
          const paths = (error.issues ?? []).map((i) => i.path);
          // An actor of an unknown type is reported on the actor as a whole.
          const named =
            expected === 'actor.type' ? paths.some((p) => p.startsWith('actor')) : paths.includes(expected);
          expect(named, `${where}: issue paths ${JSON.stringify(paths)}`).toBe(true);
          expect(await footprint(target.store, allot, ids), `${where} wrote`).toBe(before);
          figures.invariantChecks += 1;
        },
      ),
      fcParameters(RUNS[adapter]),
    );
  });

  it('afterwards the journal still verifies and every invariant holds', async () => {
    const verified = await must(allot.verifyJournal({ actor: actors.system(), orgId: ids.orgId }));
    expect(verified).toMatchObject({ ok: true, entries: (await journalOf(target.store, ids.orgId)).length });
    expect(await checkInvariants(target.store, ids.orgId)).toEqual([]);
  });
});
