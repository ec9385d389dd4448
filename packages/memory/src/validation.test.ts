import type { Allot, AllotError, ValidationError } from '@allot/core';
import { actors, createAllot, createManualClock } from '@allot/core';
import type { ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { createMemoryStore, type MemoryStore } from './store';

/** The public calls (the event bus, `on` and `events`, takes no input to validate). */
type Method = Exclude<keyof Allot, 'store' | 'on' | 'events'>;
type Call = Record<string, unknown>;

const ORG = 'acme';
const admin = actors.user(ORG, 'ada');
const bob = actors.user(ORG, 'bob');
const system = actors.system();

async function must<T>(result: ResultAsync<T, AllotError>): Promise<T> {
  const settled = await result;
  if (settled.isErr()) throw new Error(`setup failed: ${settled.error.message}`);
  return settled.value;
}

/** An org with an admin (ada), a funded member (bob) with one usage and one active hold, and one pending request. */
async function world() {
  const clock = createManualClock('2026-11-10T09:00:00Z');
  const store = createMemoryStore();
  const allot = createAllot({ store, clock: clock.now });
  await must(
    allot.createOrganization({
      actor: system,
      id: ORG,
      name: 'Acme',
      domains: ['acme.com'],
      monthlyPool: 1000,
      admins: [{ userId: 'ada', email: 'ada@acme.com', name: 'Ada' }],
    }),
  );
  await must(allot.enroll({ actor: system, userId: 'bob', email: 'bob@acme.com', name: 'Bob' }));
  await must(allot.assign({ actor: admin, orgId: ORG, userId: 'bob', total: 100 }));
  const { usage } = await must(
    allot.consume({ actor: system, orgId: ORG, userId: 'bob', amount: 20, idempotencyKey: 'job-1' }),
  );
  const request = await must(allot.submitRequest({ actor: bob, orgId: ORG, amount: 10 }));
  const { hold } = await must(
    allot.reserve({ actor: system, orgId: ORG, userId: 'bob', amount: 10, idempotencyKey: 'hold-1' }),
  );
  return { store, allot, usageId: usage.id, requestId: request.id, holdId: hold.id };
}

type World = Awaited<ReturnType<typeof world>>;

/** Every public method: a call that succeeds in {@link world}, and one field set to a value of the wrong type. */
const methods: Record<Method, { valid: (w: World) => Call; wrong: [field: string, value: unknown] }> = {
  createOrganization: {
    valid: () => ({
      actor: system,
      name: 'Beta',
      monthlyPool: 10,
      admins: [{ userId: 'zed', email: 'zed@beta.io', name: 'Zed' }],
    }),
    wrong: ['monthlyPool', '1000'],
  },
  updateSettings: {
    valid: () => ({ actor: system, orgId: ORG, monthlyPool: 2000 }),
    wrong: ['thresholds', 'high'],
  },
  enroll: {
    valid: () => ({ actor: system, userId: 'cy', email: 'cy@acme.com', name: 'Cy' }),
    wrong: ['email', 42],
  },
  setRole: {
    valid: () => ({ actor: admin, orgId: ORG, userId: 'bob', role: 'admin' }),
    wrong: ['role', true],
  },
  removeMember: { valid: () => ({ actor: admin, orgId: ORG, userId: 'bob' }), wrong: ['userId', 5] },
  assign: { valid: () => ({ actor: admin, orgId: ORG, userId: 'bob', total: 200 }), wrong: ['total', '100'] },
  revoke: { valid: () => ({ actor: admin, orgId: ORG, userId: 'bob', amount: 10 }), wrong: ['amount', 1.5] },
  consume: {
    valid: () => ({ actor: system, orgId: ORG, userId: 'bob', amount: 5, idempotencyKey: 'job-2' }),
    wrong: ['metadata', 'x'],
  },
  consumeMany: {
    valid: () => ({
      actor: system,
      orgId: ORG,
      events: [{ userId: 'bob', amount: 5, idempotencyKey: 'job-3' }],
    }),
    wrong: ['events', { userId: 'bob' }],
  },
  refund: {
    valid: (w) => ({ actor: system, orgId: ORG, usageId: w.usageId, idempotencyKey: 'refund-1' }),
    wrong: ['amount', -1],
  },
  submitRequest: { valid: () => ({ actor: bob, orgId: ORG, amount: 10 }), wrong: ['message', 12] },
  approveRequest: {
    valid: (w) => ({ actor: admin, orgId: ORG, requestId: w.requestId }),
    wrong: ['amount', Number.NaN],
  },
  rejectRequest: {
    valid: (w) => ({ actor: admin, orgId: ORG, requestId: w.requestId, reason: 'No' }),
    wrong: ['reason', ['x']],
  },
  cancelRequest: {
    valid: (w) => ({ actor: bob, orgId: ORG, requestId: w.requestId }),
    wrong: ['requestId', {}],
  },
  getSettings: { valid: () => ({ actor: admin, orgId: ORG }), wrong: ['orgId', 1] },
  overview: { valid: () => ({ actor: admin, orgId: ORG }), wrong: ['orgId', null] },
  members: { valid: () => ({ actor: admin, orgId: ORG }), wrong: ['includeRemoved', 'yes'] },
  requests: { valid: () => ({ actor: admin, orgId: ORG }), wrong: ['status', 7] },
  ledger: { valid: () => ({ actor: admin, orgId: ORG }), wrong: ['filter', { to: 'never' }] },
  summary: { valid: () => ({ actor: admin, orgId: ORG }), wrong: ['filter', 'all'] },
  exportCsv: { valid: () => ({ actor: admin, orgId: ORG }), wrong: ['filter', { userId: 3 }] },
  balance: { valid: () => ({ actor: bob, orgId: ORG }), wrong: ['userId', 9] },
  verifyJournal: { valid: () => ({ actor: admin, orgId: ORG }), wrong: ['orgId', ''] },
  journalHead: { valid: () => ({ actor: admin, orgId: ORG }), wrong: ['orgId', 3] },
  reserve: {
    valid: () => ({ actor: system, orgId: ORG, userId: 'bob', amount: 5, idempotencyKey: 'hold-2' }),
    wrong: ['ttlSeconds', '60'],
  },
  capture: {
    valid: (w) => ({ actor: system, orgId: ORG, holdId: w.holdId, amount: 4, idempotencyKey: 'capture-1' }),
    wrong: ['amount', '4'],
  },
  release: { valid: (w) => ({ actor: system, orgId: ORG, holdId: w.holdId }), wrong: ['holdId', 5] },
  holds: { valid: () => ({ actor: admin, orgId: ORG }), wrong: ['status', 'pending'] },
  topUp: { valid: () => ({ actor: system, orgId: ORG, amount: 500 }), wrong: ['amount', '500'] },
};

const names = Object.keys(methods) as Method[];

/** The memory store's whole committed state, as comparable text. */
function snapshot(store: MemoryStore): string {
  return JSON.stringify(store.state, (_key, value) => (value instanceof Map ? [...value.entries()] : value));
}

function invoke(allot: Allot, method: Method, call: unknown): ResultAsync<unknown, AllotError> {
  return (allot[method] as (call: unknown) => ResultAsync<unknown, AllotError>)(call);
}

/** Runs a bad call and returns its validation error, checking that it wrote nothing. */
async function rejected(w: World, method: Method, call: unknown): Promise<ValidationError> {
  const before = snapshot(w.store);
  const result = await invoke(w.allot, method, call);
  expect(snapshot(w.store)).toBe(before);
  if (result.isOk()) throw new Error(`${method} accepted ${JSON.stringify(call)}`);
  expect(result.error.code).toBe('validation');
  if (result.error.code !== 'validation') throw new Error('unreachable');
  expect(result.error.issues.length).toBeGreaterThan(0);
  return result.error;
}

const paths = (error: ValidationError) => error.issues.map((i) => i.path);

describe('every public method validates its input and writes nothing when it is bad', () => {
  it('this table covers every public method of createAllot', async () => {
    const { allot } = await world();
    const publicMethods = Object.keys(allot).filter(
      (k) => k !== 'store' && k !== 'on' && typeof allot[k as Method] === 'function',
    );
    expect([...publicMethods].sort()).toEqual([...names].sort());
  });

  it.each(names)(
    '%s: the valid call used below succeeds (so each failure is the bad field)',
    async (method) => {
      const w = await world();
      const result = await invoke(w.allot, method, methods[method].valid(w));
      expect(result.isOk() ? 'ok' : result.error).toBe('ok');
    },
  );

  it.each(names)('%s: a non-object input is a validation error naming the input', async (method) => {
    const w = await world();
    for (const call of [undefined, null, 'orgId=acme', 42, [methods[method].valid(w)]]) {
      expect(paths(await rejected(w, method, call))).toEqual(['(input)']);
    }
  });

  it.each(names)('%s: a missing actor is a validation error naming actor', async (method) => {
    const w = await world();
    const { actor: _actor, ...call } = methods[method].valid(w);
    expect(paths(await rejected(w, method, call))).toEqual(['actor']);
  });

  it.each(names)('%s: an actor of the wrong shape names the bad actor field', async (method) => {
    const w = await world();
    const valid = methods[method].valid(w);
    const noUser = await rejected(w, method, { ...valid, actor: { type: 'user', orgId: ORG } });
    expect(paths(noUser)).toEqual(['actor.userId']);
    const emptyOrg = await rejected(w, method, {
      ...valid,
      actor: { type: 'user', orgId: ' ', userId: 'ada' },
    });
    expect(paths(emptyOrg)).toEqual(['actor.orgId']);
    const unknownType = await rejected(w, method, { ...valid, actor: { type: 'admin', userId: 'ada' } });
    expect(paths(unknownType).every((p) => p === 'actor' || p.startsWith('actor.'))).toBe(true);
    const notAnObject = await rejected(w, method, { ...valid, actor: 'user:ada' });
    expect(paths(notAnObject)).toEqual(['actor']);
  });

  it.each(names)('%s: a field of the wrong type is a validation error naming it', async (method) => {
    const w = await world();
    const [field, value] = methods[method].wrong;
    const error = await rejected(w, method, { ...methods[method].valid(w), [field]: value });
    expect(paths(error).length).toBeGreaterThan(0);
    expect(paths(error).every((p) => p === field || p.startsWith(`${field}.`))).toBe(true);
    expect(error.message).toContain(field);
  });

  it.each(names)('%s: a bad actor and a bad field are reported together', async (method) => {
    const w = await world();
    const [field, value] = methods[method].wrong;
    const { actor: _actor, ...rest } = methods[method].valid(w);
    const error = await rejected(w, method, { ...rest, [field]: value });
    expect(paths(error)).toContain('actor');
    expect(paths(error).some((p) => p === field || p.startsWith(`${field}.`))).toBe(true);
  });
});

describe('validation decided after loading state still writes nothing', () => {
  it('a ledger cursor Allot did not make names cursor', async () => {
    const w = await world();
    expect(paths(await rejected(w, 'ledger', { actor: admin, orgId: ORG, cursor: 'not-a-cursor!' }))).toEqual(
      ['cursor'],
    );
    expect(paths(await rejected(w, 'requests', { actor: admin, orgId: ORG, cursor: 'bm9wZQ' }))).toEqual([
      'cursor',
    ]);
  });

  it('the system actor must name the requester of submitRequest', async () => {
    const w = await world();
    expect(paths(await rejected(w, 'submitRequest', { actor: system, orgId: ORG, amount: 5 }))).toEqual([
      'userId',
    ]);
  });

  it('an approval for more than was requested names amount', async () => {
    const w = await world();
    const error = await rejected(w, 'approveRequest', {
      actor: admin,
      orgId: ORG,
      requestId: w.requestId,
      amount: 11,
    });
    expect(paths(error)).toEqual(['amount']);
  });

  it('a capture above the hold names amount', async () => {
    const w = await world();
    const error = await rejected(w, 'capture', {
      actor: system,
      orgId: ORG,
      holdId: w.holdId,
      amount: 11,
      idempotencyKey: 'capture-2',
    });
    expect(paths(error)).toEqual(['amount']);
  });

  it('a refund above what is left names amount', async () => {
    const w = await world();
    const error = await rejected(w, 'refund', {
      actor: system,
      orgId: ORG,
      usageId: w.usageId,
      amount: 21,
      idempotencyKey: 'refund-2',
    });
    expect(paths(error)).toEqual(['amount']);
  });
});
