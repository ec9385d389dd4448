import { actors } from '@allot/core';
import fc from 'fast-check';
import { type Call, type ReadKind, showCall } from './calls';
import { type Model, remaining, rollOver, USERS } from './model';
import { advance, compareNow, type Run, step } from './step';

type Resolve = (model: Model) => Call;

/** A command that becomes a concrete {@link Call} once it sees the model (ids, keys). */
class CallCommand implements fc.AsyncCommand<Model, Run> {
  constructor(
    private readonly label: string,
    private readonly resolve: Resolve,
    private readonly when: (model: Model) => boolean = () => true,
    private readonly fault = false,
  ) {}
  check(model: Readonly<Model>): boolean {
    return this.when(model as Model);
  }
  async run(model: Model, run: Run): Promise<void> {
    if (this.fault) run.tally.faults += 1;
    await step(model, run, this.resolve(model));
  }
  toString(): string {
    return this.label;
  }
}

/** Moves the clock past the period end; the next read rolls the period over. */
class RolloverCommand implements fc.AsyncCommand<Model, Run> {
  check(): boolean {
    return true;
  }
  async run(model: Model, run: Run): Promise<void> {
    advance(model, run, 31 * 24 * 3600 * 1000);
    const read = await run.allot.overview({ actor: actors.system(), orgId: run.orgId });
    if (read.isErr()) throw new Error(`overview after moving the clock: ${read.error.code}`);
    run.tally.operations += 1;
    run.tally.faults += 1;
    rollOver(model);
    await compareNow(model, run, 'after the rollover');
  }
  toString(): string {
    return 'rollover';
  }
}

/** Moves the clock on by some seconds: holds whose time is up lapse (lazily, see {@link Model}). */
class ClockCommand implements fc.AsyncCommand<Model, Run> {
  constructor(private readonly seconds: number) {}
  check(): boolean {
    return true;
  }
  async run(model: Model, run: Run): Promise<void> {
    advance(model, run, this.seconds * 1000);
    run.tally.faults += 1;
  }
  toString(): string {
    return `wait(${this.seconds}s)`;
  }
}

const user = fc.constantFrom(...USERS);
const keyed = fc.boolean();
const newKey = (model: Model): string => `k${model.nextKey++}`;
const maybeKey = (model: Model, withKey: boolean) => (withKey ? { key: newKey(model) } : {});

function pickRequest(model: Model, pick: number) {
  return model.requests.length === 0 ? undefined : model.requests[pick % model.requests.length];
}

/** `preferred` if it can spare `amount`, else the next active member (in {@link USERS} order) who can. */
function fundedMember(model: Model, preferred: string, amount: number): string {
  const start = USERS.indexOf(preferred as (typeof USERS)[number]);
  for (let i = 0; i < USERS.length; i++) {
    const userId = USERS[(start + i) % USERS.length] as string;
    const m = model.members[userId];
    if (m?.status === 'active' && remaining(m) >= amount) return userId;
  }
  return preferred;
}

const hasHolds = (model: Model) => model.holds.length > 0;

/** A hold's id: one still stored as active (it may have lapsed already) or any hold at all. */
function pickHold(model: Model, pick: number, active: boolean): string {
  const holds = active ? model.holds.filter((h) => h.status === 'active') : model.holds;
  return holds.length === 0 ? 'no-such-hold' : (holds[pick % holds.length] as { id: string }).id;
}

const show = (name: string, args: Record<string, unknown>) =>
  `${name}(${Object.entries(args)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ')})`;

/** Every command of the model run, weighted towards the ones that move credits. */
export const commandArbitrary: fc.Arbitrary<fc.AsyncCommand<Model, Run>> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ u: user, amount: fc.integer({ min: 1, max: 60 }) }).map(
      ({ u, amount }) =>
        new CallCommand(show('consume', { u, amount }), (m) => ({
          kind: 'consume',
          userId: u,
          amount,
          key: newKey(m),
        })),
    ),
  },
  {
    weight: 3,
    arbitrary: fc.record({ u: user, total: fc.integer({ min: 0, max: 120 }), k: keyed }).map(
      ({ u, total, k }) =>
        new CallCommand(show('assign', { u, total, k }), (m) => ({
          kind: 'assign',
          userId: u,
          total,
          ...maybeKey(m, k),
        })),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({ u: user, amount: fc.integer({ min: 1, max: 60 }), k: keyed }).map(
      ({ u, amount, k }) =>
        new CallCommand(show('revoke', { u, amount, k }), (m) => ({
          kind: 'revoke',
          userId: u,
          amount,
          ...maybeKey(m, k),
        })),
    ),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ pick: fc.nat(), amount: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }) })
      .map(
        ({ pick, amount }) =>
          new CallCommand(show('refund', { pick, amount }), (m) => {
            const usage = m.usages.length === 0 ? undefined : m.usages[pick % m.usages.length];
            return { kind: 'refund', usageId: usage?.id ?? 'no-such-usage', amount, key: newKey(m) };
          }),
      ),
  },
  {
    weight: 2,
    arbitrary: fc.record({ u: user, amount: fc.integer({ min: 1, max: 80 }), k: keyed }).map(
      ({ u, amount, k }) =>
        new CallCommand(show('submit', { u, amount, k }), (m) => ({
          kind: 'submit',
          userId: u,
          amount,
          ...maybeKey(m, k),
        })),
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        pick: fc.nat(),
        amount: fc.option(fc.integer({ min: 1, max: 80 }), { nil: undefined }),
        k: keyed,
      })
      .map(
        ({ pick, amount, k }) =>
          new CallCommand(show('approve', { pick, amount, k }), (m) => ({
            kind: 'approve',
            requestId: pickRequest(m, pick)?.id ?? 'no-such-request',
            amount,
            ...maybeKey(m, k),
          })),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ pick: fc.nat(), k: keyed }).map(
      ({ pick, k }) =>
        new CallCommand(show('reject', { pick, k }), (m) => ({
          kind: 'reject',
          requestId: pickRequest(m, pick)?.id ?? 'no-such-request',
          ...maybeKey(m, k),
        })),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ pick: fc.nat(), k: keyed }).map(
      ({ pick, k }) =>
        new CallCommand(show('cancel', { pick, k }), (m) => {
          const request = pickRequest(m, pick);
          return {
            kind: 'cancel',
            requestId: request?.id ?? 'no-such-request',
            requester: request?.userId ?? 'u1',
            ...maybeKey(m, k),
          };
        }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ u: user, role: fc.constantFrom('admin', 'member' as const), k: keyed }).map(
      ({ u, role, k }) =>
        new CallCommand(show('setRole', { u, role, k }), (m) => ({
          kind: 'setRole',
          userId: u,
          role,
          ...maybeKey(m, k),
        })),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ u: user, k: keyed }).map(
      ({ u, k }) =>
        new CallCommand(show('remove', { u, k }), (m) => ({
          kind: 'remove',
          userId: u,
          ...maybeKey(m, k),
        })),
    ),
  },
  {
    weight: 2,
    arbitrary: user.map((u) => new CallCommand(show('enroll', { u }), () => ({ kind: 'enroll', userId: u }))),
  },
  {
    // Mostly for a member who has the credits, so that holds pile up, get captured and lapse.
    weight: 4,
    arbitrary: fc
      .record({
        u: user,
        amount: fc.integer({ min: 1, max: 60 }),
        ttl: fc.integer({ min: 1, max: 30 }),
        funded: fc.constantFrom(true, true, true, false),
      })
      .map(
        ({ u, amount, ttl, funded }) =>
          new CallCommand(show('reserve', { u, amount, ttl, funded }), (m) => ({
            kind: 'reserve',
            userId: funded ? fundedMember(m, u, amount) : u,
            amount,
            ttlSeconds: ttl,
            key: newKey(m),
          })),
      ),
  },
  {
    // Partial (an amount) or full (none); some for more than the hold, some of a settled hold.
    weight: 3,
    arbitrary: fc
      .record({
        pick: fc.nat(),
        active: fc.constantFrom(true, true, true, true, false),
        amount: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
      })
      .map(
        ({ pick, active, amount }) =>
          new CallCommand(
            show('capture', { pick, active, amount }),
            (m) => ({ kind: 'capture', holdId: pickHold(m, pick, active), amount, key: newKey(m) }),
            hasHolds,
          ),
      ),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ pick: fc.nat(), active: fc.boolean(), k: keyed })
      .map(
        ({ pick, active, k }) =>
          new CallCommand(
            show('release', { pick, active, k }),
            (m) => ({ kind: 'release', holdId: pickHold(m, pick, active), ...maybeKey(m, k) }),
            hasHolds,
          ),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ amount: fc.integer({ min: 1, max: 100 }), k: keyed }).map(
      ({ amount, k }) =>
        new CallCommand(show('topUp', { amount, k }), (m) => ({
          kind: 'topUp',
          amount,
          ...maybeKey(m, k),
        })),
    ),
  },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 40 }).map((seconds) => new ClockCommand(seconds)) },
  {
    // Reads that expire due holds first: everyone's (overview, members, holds) or one member's.
    weight: 2,
    arbitrary: fc
      .record({
        read: fc.constantFrom<ReadKind>('overview', 'members', 'balance', 'holds'),
        u: user,
        own: fc.boolean(),
        active: fc.boolean(),
      })
      .map(({ read, u, own, active }) => {
        const call: Call = {
          kind: 'read',
          read,
          ...(read === 'balance' || (read === 'holds' && own) ? { userId: u } : {}),
          ...(read === 'holds' && active ? { onlyActive: true } : {}),
        };
        return new CallCommand(showCall(call), () => call);
      }),
  },
  { weight: 1, arbitrary: fc.constant(new RolloverCommand()) },
  {
    // The same call again under its key: a success replays, a refusal runs afresh.
    weight: 3,
    arbitrary: fc.nat().map(
      (pick) =>
        new CallCommand(
          show('retry', { pick }),
          (m) => m.issued[pick % m.issued.length] as Call,
          (m) => m.issued.length > 0,
          true,
        ),
    ),
  },
  {
    // Another payload under a key already sent: a remembered key refuses it.
    weight: 1,
    arbitrary: fc.nat().map(
      (pick) =>
        new CallCommand(
          show('reuse-key', { pick }),
          (m) => ({
            kind: 'consume',
            userId: 'admin',
            amount: 1_000_000 + (pick % 1000),
            key: (m.issued[pick % m.issued.length] as { key: string }).key,
          }),
          (m) => m.issued.length > 0,
          true,
        ),
    ),
  },
);
