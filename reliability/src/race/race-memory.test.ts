import { randomUUID } from 'node:crypto';
import { actors, createAllot, createManualClock } from '@allot/core';
import { createMemoryStore } from '@allot/memory';
import { checkInvariants } from '@allot/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Call, showCall } from '../model/calls';
import { observe } from '../model/compare';
import { execute } from '../model/execute';
import { initialModel, type Model, START } from '../model/model';
import { type Run, step } from '../model/step';
import { fcParameters } from '../support/fc-parameters';
import { recordFigures, tally } from '../support/figures';
import { linearize, type Observed } from './linearize';
import { scheduledStore } from './scheduled-store';

/** A batch element before it sees the model: picks become ids, `key` becomes `b<index>`. */
type Spec =
  | { op: 'consume' | 'revoke'; u: string; amount: number }
  | { op: 'assign'; u: string; total: number }
  | { op: 'refund'; pick: number; amount?: number | undefined }
  | { op: 'approve'; pick: number; amount?: number | undefined }
  | { op: 'reject' | 'cancel'; pick: number }
  | { op: 'submit'; u: string; amount: number }
  | { op: 'enroll' | 'remove'; u: string }
  | { op: 'setRole'; u: string; role: 'admin' | 'member' }
  | { op: 'reserve'; u: string; amount: number }
  | { op: 'capture'; pick: number; amount?: number | undefined }
  | { op: 'release'; pick: number }
  | { op: 'topUp'; amount: number }
  | { op: 'duplicate' | 'conflict'; of: number };

const u = fc.constantFrom('admin', 'u1', 'u2', 'u3', 'u4');
const amount = fc.integer({ min: 1, max: 60 });
const pick = fc.nat();
const optional = fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined });

const spec: fc.Arbitrary<Spec> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('consume' as const), u, amount }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('revoke' as const), u, amount }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('assign' as const), u, total: fc.integer({ min: 0, max: 120 }) }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('refund' as const), pick, amount: optional }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('approve' as const), pick, amount: optional }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('reject' as const, 'cancel' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('submit' as const), u, amount }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('enroll' as const, 'remove' as const), u }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('setRole' as const),
      u,
      role: fc.constantFrom('admin' as const, 'member' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reserve' as const), u, amount }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('capture' as const), pick, amount: optional }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('release' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('topUp' as const), amount }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constantFrom('duplicate' as const, 'conflict' as const), of: pick }),
  },
);

/** Turns specs into calls against the model's ids; a duplicate repeats an earlier call with its key. */
function resolve(model: Model, specs: Spec[]): Call[] {
  const calls: Call[] = [];
  specs.forEach((s, i) => {
    const key = `b${i}`;
    const request = model.requests[('pick' in s ? s.pick : 0) % model.requests.length];
    const usage = model.usages[('pick' in s ? s.pick : 0) % model.usages.length];
    const hold = model.holds[('pick' in s ? s.pick : 0) % model.holds.length];
    const earlier = calls.length > 0 ? calls[('of' in s ? s.of : 0) % calls.length] : undefined;
    switch (s.op) {
      case 'consume':
      case 'revoke':
        calls.push({ kind: s.op, userId: s.u, amount: s.amount, key });
        return;
      case 'assign':
        calls.push({ kind: 'assign', userId: s.u, total: s.total, key });
        return;
      case 'refund':
        calls.push({ kind: 'refund', usageId: usage?.id ?? 'none', amount: s.amount, key });
        return;
      case 'approve':
        calls.push({ kind: 'approve', requestId: request?.id ?? 'none', amount: s.amount, key });
        return;
      case 'reject':
        calls.push({ kind: 'reject', requestId: request?.id ?? 'none', key });
        return;
      case 'cancel':
        calls.push({
          kind: 'cancel',
          requestId: request?.id ?? 'none',
          requester: request?.userId ?? 'u1',
          key,
        });
        return;
      case 'submit':
        calls.push({ kind: 'submit', userId: s.u, amount: s.amount, key });
        return;
      case 'enroll':
        calls.push({ kind: 'enroll', userId: s.u });
        return;
      case 'remove':
        calls.push({ kind: 'remove', userId: s.u, key });
        return;
      case 'setRole':
        calls.push({ kind: 'setRole', userId: s.u, role: s.role, key });
        return;
      case 'reserve':
        calls.push({ kind: 'reserve', userId: s.u, amount: s.amount, ttlSeconds: 900, key });
        return;
      case 'capture':
        calls.push({ kind: 'capture', holdId: hold?.id ?? 'none', amount: s.amount, key });
        return;
      case 'release':
        calls.push({ kind: 'release', holdId: hold?.id ?? 'none', key });
        return;
      case 'topUp':
        calls.push({ kind: 'topUp', amount: s.amount, key });
        return;
      case 'duplicate':
        calls.push(earlier ?? { kind: 'consume', userId: 'u1', amount: 1, key });
        return;
      case 'conflict': {
        const earlierKey = earlier && 'key' in earlier ? earlier.key : undefined;
        calls.push({ kind: 'consume', userId: 'u2', amount: 59, key: earlierKey ?? key });
        return;
      }
    }
  });
  return calls;
}

/**
 * Sequential setup: three funded members, two usages, two pending requests, three active holds —
 * u3's lapses just as the batch starts, so the batch races to expire it.
 */
const SETUP: Call[] = [
  { kind: 'enroll', userId: 'u1' },
  { kind: 'enroll', userId: 'u2' },
  { kind: 'enroll', userId: 'u3' },
  { kind: 'assign', userId: 'u1', total: 50 },
  { kind: 'assign', userId: 'u2', total: 40 },
  { kind: 'assign', userId: 'u3', total: 30 },
  { kind: 'consume', userId: 'u1', amount: 20, key: 's1' },
  { kind: 'consume', userId: 'u2', amount: 10, key: 's2' },
  { kind: 'submit', userId: 'u1', amount: 30 },
  { kind: 'submit', userId: 'u3', amount: 60 },
  { kind: 'reserve', userId: 'u1', amount: 10, ttlSeconds: 900, key: 's3' },
  { kind: 'reserve', userId: 'u2', amount: 15, ttlSeconds: 900, key: 's4' },
  { kind: 'reserve', userId: 'u3', amount: 20, ttlSeconds: 1, key: 's5' },
];

describe('race conditions on memory (fc.scheduler)', () => {
  it('every concurrent batch, in any interleaving the scheduler picks, is explained by one serial order', async () => {
    const started = Date.now();
    const figures = tally();
    try {
      await fc.assert(
        fc.asyncProperty(fc.scheduler(), fc.array(spec, { minLength: 2, maxLength: 6 }), async (s, specs) => {
          const store = createMemoryStore();
          const clock = createManualClock(START);
          const allot = createAllot({ store, clock: clock.now });
          const tag = randomUUID().slice(0, 8);
          const domain = `r${tag}.test`;
          const org = await allot.createOrganization({
            actor: actors.system(),
            name: 'Race',
            domains: [domain],
            monthlyPool: 200,
            admins: [{ userId: 'admin', email: `admin@${domain}`, name: 'Admin' }],
          });
          if (org.isErr()) throw new Error(org.error.message);
          const model = initialModel({ monthlyPool: 200, defaultAllocation: 0, policy: 'carry' });
          const run: Run = { allot, store, orgId: org.value.id, domain, clock, tally: figures };
          for (const call of SETUP) await step(model, run, call);

          const calls = resolve(model, specs);
          const raced = { ...run, allot: createAllot({ store: scheduledStore(store, s), clock: clock.now }) };
          const outcomes = await s.waitFor(Promise.all(calls.map((call) => execute(raced, call))));
          figures.operations += calls.length;
          figures.faults += s.report().length;
          const batch: Observed[] = calls.map((call, i) => ({
            call,
            outcome: outcomes[i] as Observed['outcome'],
          }));

          const found = linearize(model, batch, await observe(store, run.orgId));
          figures.invariantChecks += 1;
          const shown = batch.map(
            ({ call, outcome }) => `${showCall(call)} → ${outcome.ok ? 'ok' : outcome.error.code}`,
          );
          expect(found, `no serial order explains:\n  ${shown.join('\n  ')}`).not.toBeNull();
          if (!found) return;
          const violations = await checkInvariants(store, run.orgId, {
            acknowledged: { entryIds: found.model.acknowledgedEntryIds },
            rejectedKeys: Object.keys(found.model.refusedKeys),
          });
          figures.invariantChecks += 1;
          expect(violations).toEqual([]);
        }),
        fcParameters(1500),
      );
    } catch (error) {
      figures.failures += 1;
      throw error;
    } finally {
      recordFigures('race-scheduler', 'memory', figures, Date.now() - started);
    }
  });
});
