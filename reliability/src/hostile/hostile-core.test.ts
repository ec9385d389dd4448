import { type Allot, createAllot, isAllotError } from '@allot/core';
import { createMemoryStore, type MemoryStore } from '@allot/memory';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fcParameters } from '../support/fc-parameters';
import { recordFigures, tally } from '../support/figures';
import { junk, pollution } from './junk';
import { type Ids, isValidCall, METHODS, type MethodSpec } from './methods';
import { seedHostileOrg } from './seed';

/** Everything the memory store holds, counted: a junk call must change none of it. */
function footprint(store: MemoryStore): string {
  const s = store.state;
  const sum = (m: Map<string, { size?: number; length?: number }>) =>
    [...m.values()].reduce((n, v) => n + (v.size ?? v.length ?? 0), 0);
  const orgs = [...s.organizations.values()].map((o) => `${o.id}:${o.allocated}:${o.monthlyPool}:${o.seq}`);
  return JSON.stringify([
    orgs,
    sum(s.members),
    sum(s.requests),
    sum(s.journal),
    sum(s.holds),
    s.idempotency.size,
    s.periods.length,
  ]);
}

function prototypesClean(): boolean {
  const probe = {} as Record<string, unknown>;
  return (
    probe.polluted === undefined &&
    !Object.hasOwn(Object.prototype, 'polluted') &&
    !Object.hasOwn(Array.prototype, 'polluted') &&
    !Object.hasOwn(Function.prototype, 'polluted')
  );
}

type Mutation =
  | { kind: 'replace-call'; value: unknown }
  | { kind: 'replace-field'; field: number; value: unknown }
  | { kind: 'replace-actor'; value: unknown }
  | { kind: 'pollute'; field: number; value: unknown; extra: Record<string, unknown> }
  | { kind: 'drop-field'; field: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace-call' as const), value: junk }),
  fc.record({ kind: fc.constant('replace-field' as const), field: fc.nat(), value: junk }),
  fc.record({ kind: fc.constant('replace-actor' as const), value: junk }),
  fc.record({ kind: fc.constant('pollute' as const), field: fc.nat(), value: junk, extra: pollution }),
  fc.record({ kind: fc.constant('drop-field' as const), field: fc.nat() }),
);

/** Applies a mutation to a valid call; the result is usually invalid (valid ones are skipped). */
function mutate(valid: Record<string, unknown>, m: Mutation): unknown {
  const fields = Object.keys(valid);
  const field = 'field' in m ? (fields[m.field % fields.length] as string) : '';
  switch (m.kind) {
    case 'replace-call':
      return m.value;
    case 'replace-field':
      return { ...valid, [field]: m.value };
    case 'replace-actor':
      return { ...valid, actor: m.value };
    case 'pollute':
      // Own `__proto__` keys survive Object.assign as data, the way JSON.parse leaves them.
      return Object.assign(Object.assign({}, m.extra), valid, { [field]: m.value });
    case 'drop-field': {
      const { [field]: _dropped, ...rest } = valid;
      return rest;
    }
  }
}

function describeValue(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(value);
  }
}

describe('hostile input: every public core method over memory', () => {
  let allot: Allot;
  let store: MemoryStore;
  let ids: Ids;
  beforeAll(async () => {
    store = createMemoryStore();
    allot = createAllot({ store });
    ids = await seedHostileOrg(allot);
  });

  it('answers junk with a validation AllotError: never a throw, never a rejection, never a write, no pollution', async () => {
    const started = Date.now();
    const figures = tally();
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...METHODS), mutation, async (spec: MethodSpec, m) => {
          const call = mutate(spec.valid(ids), m);
          fc.pre(!isValidCall(spec, call));
          const before = footprint(store);
          const method = allot[spec.name] as (input: unknown) => PromiseLike<unknown>;
          let pending: PromiseLike<unknown>;
          try {
            pending = method(call);
          } catch (error) {
            throw new Error(`${spec.name} threw synchronously on ${describeValue(call)}: ${String(error)}`);
          }
          const result = await Promise.resolve(pending).then(
            (value) => value as { isErr(): boolean; error?: unknown },
            (error) => {
              throw new Error(`${spec.name} rejected on ${describeValue(call)}: ${String(error)}`);
            },
          );
          figures.operations += 1;
          figures.faults += 1;
          expect(result.isErr(), `${spec.name} accepted ${describeValue(call)}`).toBe(true);
          expect(isAllotError(result.error)).toBe(true);
          expect((result.error as { code: string }).code).toBe('validation');
          expect(footprint(store), `${spec.name} wrote on ${describeValue(call)}`).toBe(before);
          expect(prototypesClean(), `${spec.name} polluted a prototype`).toBe(true);
          figures.invariantChecks += 1;
        }),
        fcParameters(5000),
      );
    } catch (error) {
      figures.failures += 1;
      throw error;
    } finally {
      recordFigures('hostile-input', 'core over memory', figures, Date.now() - started);
    }
  });

  it('calls with no argument at all, or the wrong number of arguments, are validation errors too', async () => {
    for (const spec of METHODS) {
      const method = allot[spec.name] as (
        ...args: unknown[]
      ) => PromiseLike<{ isErr(): boolean; error: unknown }>;
      for (const args of [[], [undefined], [null], [spec.valid(ids), 'extra']]) {
        const before = footprint(store);
        const result = await method(...args);
        if (args.length === 2) continue; // the extra argument is ignored: the first one is valid
        expect(result.isErr(), `${spec.name}(${args.map(describeValue).join(', ')})`).toBe(true);
        expect(isAllotError(result.error)).toBe(true);
        expect(footprint(store)).toBe(before);
      }
    }
  });
});
