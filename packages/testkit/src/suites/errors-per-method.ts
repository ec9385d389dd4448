import {
  type Allot,
  type AllotErrorCode,
  type AllotMethod,
  type AllotMethodError,
  type AllotStore,
  actors,
  type CommandErrorCode,
  createAllot,
  type ReadErrorCode,
} from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { lossyCommits } from '../harness/lossy-commits';
import type { MemberFixture, OrgFixture } from '../harness/org-fixture';
import { randomId, uniqueDomain } from '../harness/random';
import { type Call, errorOf, ok, type ResultLike, settle } from '../harness/results';

/** One test's organization with a member holding 100 credits. */
interface Env {
  fx: OrgFixture;
  m: MemberFixture;
}

/** A call of a method on some Allot (the fixture's, or one over a failing store). */
type Invoke = (allot: Allot, call: object) => Call<unknown>;
/** Makes a call that fails with one code. */
type Scenario = (env: Env) => Promise<ResultLike<unknown>>;
/** The method's own codes: those besides what every command or every read can fail with. */
type OwnCode<M extends AllotMethod> =
  'outcome_unknown' extends CodeOf<M>
    ? Exclude<CodeOf<M>, CommandErrorCode>
    : Exclude<CodeOf<M>, ReadErrorCode>;
type CodeOf<M extends AllotMethod> =
  AllotMethodError<M> extends { code: infer C extends AllotErrorCode } ? C : never;

/**
 * A command (its own idempotency key: `idempotency_conflict` is one of its codes), a batch (keys
 * per event: a reused key is that event's outcome, not the call's error) or a read.
 */
type Kind = 'command' | 'batch' | 'read';

interface MethodCase<M extends AllotMethod> {
  kind: Kind;
  /** A call that succeeds (each generic code is this call, broken one way). */
  valid(env: Env): Promise<Record<string, unknown>>;
  own: { [C in OwnCode<M>]: Scenario };
}

const invoke =
  (method: AllotMethod): Invoke =>
  (allot, call) =>
    (allot[method] as (call: object) => Call<unknown>)(call);

/** A store every call of which fails as a database that went away does. */
function downStore(store: AllotStore): AllotStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1 (injected)'));
    },
  });
}

const key = () => randomId('key');

async function usageOf(env: Env, amount = 10) {
  return env.fx.consume(env.m.userId, amount);
}
async function pendingRequest(env: Env) {
  return ok(env.fx.allot.submitRequest({ actor: env.m.actor, orgId: env.fx.orgId, amount: 5 }));
}
async function closedRequest(env: Env) {
  const request = await pendingRequest(env);
  await ok(env.fx.allot.rejectRequest({ actor: env.fx.admin, orgId: env.fx.orgId, requestId: request.id }));
  return request;
}
async function releasedHold(env: Env) {
  const hold = await env.fx.reserve(env.m.userId, 5);
  await ok(env.fx.allot.release({ actor: env.fx.system, orgId: env.fx.orgId, holdId: hold.id }));
  return hold;
}

const orgCall = (env: Env, rest: Record<string, unknown> = {}) => ({
  actor: env.fx.admin,
  orgId: env.fx.orgId,
  ...rest,
});
const read = () => ({ kind: 'read' as const, valid: async (env: Env) => orgCall(env), own: {} });

/**
 * Every method, the call that succeeds, and a scenario for each code of its own. The type makes
 * the table complete: a code a method's type lists has a scenario, and none it does not list.
 */
const cases: { [M in AllotMethod]: MethodCase<M> } = {
  createOrganization: {
    kind: 'command',
    valid: async () => {
      const domain = uniqueDomain();
      return {
        actor: actors.system(),
        name: 'Errors Inc',
        domains: [domain],
        monthlyPool: 100,
        admins: [{ userId: randomId('admin'), email: `boss@${domain}`, name: 'Boss' }],
      };
    },
    own: {
      conflict: async ({ fx }) =>
        fx.allot.createOrganization({
          actor: fx.system,
          name: 'Squatter',
          domains: [fx.domain],
          monthlyPool: 1,
          admins: [{ userId: randomId('u'), email: `a@${fx.domain}`, name: 'A' }],
        }),
    },
  },
  updateSettings: {
    kind: 'command',
    valid: async (env) => orgCall(env, { name: 'Renamed' }),
    own: {
      not_found: async ({ fx }) =>
        fx.allot.updateSettings({ actor: fx.system, orgId: randomId('org'), name: 'X' }),
      insufficient_pool: async ({ fx }) =>
        fx.allot.updateSettings({ actor: fx.system, orgId: fx.orgId, monthlyPool: 1 }),
      conflict: async ({ fx }) => {
        const other = await createAnother(fx);
        return fx.allot.updateSettings({ actor: fx.system, orgId: fx.orgId, domains: [other] });
      },
    },
  },
  enroll: {
    kind: 'command',
    valid: async ({ fx }) => ({
      actor: fx.system,
      userId: randomId('u'),
      email: `new-${randomId('e')}@${fx.domain}`,
      name: 'New',
    }),
    own: {},
  },
  setRole: {
    kind: 'command',
    valid: async (env) => orgCall(env, { userId: env.m.userId, role: 'admin' }),
    own: {
      not_found: async (env) =>
        env.fx.allot.setRole(orgCall(env, { userId: randomId('u'), role: 'admin' }) as never),
      conflict: async (env) =>
        env.fx.allot.setRole(orgCall(env, { userId: env.fx.adminId, role: 'member' }) as never),
    },
  },
  removeMember: {
    kind: 'command',
    valid: async (env) => orgCall(env, { userId: env.m.userId }),
    own: {
      not_found: async (env) => env.fx.allot.removeMember(orgCall(env, { userId: randomId('u') }) as never),
      conflict: async (env) => env.fx.allot.removeMember(orgCall(env, { userId: env.fx.adminId }) as never),
    },
  },
  assign: {
    kind: 'command',
    valid: async (env) => orgCall(env, { userId: env.m.userId, total: 50 }),
    own: {
      not_found: async (env) =>
        env.fx.allot.assign(orgCall(env, { userId: randomId('u'), total: 1 }) as never),
      insufficient_pool: async (env) =>
        env.fx.allot.assign(orgCall(env, { userId: env.m.userId, total: 1_000_000 }) as never),
      allocation_below_usage: async (env) => {
        await usageOf(env, 30);
        return env.fx.allot.assign(orgCall(env, { userId: env.m.userId, total: 10 }) as never);
      },
    },
  },
  revoke: {
    kind: 'command',
    valid: async (env) => orgCall(env, { userId: env.m.userId, amount: 1 }),
    own: {
      not_found: async (env) =>
        env.fx.allot.revoke(orgCall(env, { userId: randomId('u'), amount: 1 }) as never),
      insufficient_credits: async (env) =>
        env.fx.allot.revoke(orgCall(env, { userId: env.m.userId, amount: 101 }) as never),
    },
  },
  consume: {
    kind: 'command',
    valid: async (env) => orgCall(env, { userId: env.m.userId, amount: 1, idempotencyKey: key() }),
    own: {
      not_found: async (env) =>
        env.fx.allot.consume(
          orgCall(env, { userId: randomId('u'), amount: 1, idempotencyKey: key() }) as never,
        ),
      insufficient_credits: async (env) =>
        env.fx.allot.consume(
          orgCall(env, { userId: env.m.userId, amount: 101, idempotencyKey: key() }) as never,
        ),
    },
  },
  consumeMany: {
    kind: 'batch',
    valid: async (env) =>
      orgCall(env, {
        events: [
          { userId: env.m.userId, amount: 1, idempotencyKey: key() },
          { userId: env.m.userId, amount: 2, idempotencyKey: key() },
        ],
      }),
    own: {
      not_found: async ({ fx, m }) =>
        fx.allot.consumeMany({
          actor: fx.system,
          orgId: randomId('org'),
          events: [{ userId: m.userId, amount: 1, idempotencyKey: key() }],
        }),
    },
  },
  refund: {
    kind: 'command',
    valid: async (env) => orgCall(env, { usageId: (await usageOf(env)).id, idempotencyKey: key() }),
    own: {
      not_found: async (env) =>
        env.fx.allot.refund(orgCall(env, { usageId: randomId('usage'), idempotencyKey: key() }) as never),
      conflict: async (env) => {
        const usage = await usageOf(env);
        await ok(env.fx.allot.refund(orgCall(env, { usageId: usage.id, idempotencyKey: key() }) as never));
        return env.fx.allot.refund(orgCall(env, { usageId: usage.id, idempotencyKey: key() }) as never);
      },
      period_closed: async (env) => {
        const usage = await usageOf(env);
        env.fx.clock.advance(40 * 24 * 3600 * 1000);
        return env.fx.allot.refund(orgCall(env, { usageId: usage.id, idempotencyKey: key() }) as never);
      },
    },
  },
  submitRequest: {
    kind: 'command',
    valid: async (env) => ({ actor: env.m.actor, orgId: env.fx.orgId, amount: 5 }),
    own: {
      not_found: async (env) =>
        env.fx.allot.submitRequest({
          actor: env.fx.system,
          orgId: env.fx.orgId,
          userId: randomId('u'),
          amount: 5,
        }),
    },
  },
  approveRequest: {
    kind: 'command',
    valid: async (env) => orgCall(env, { requestId: (await pendingRequest(env)).id }),
    own: {
      not_found: async (env) =>
        env.fx.allot.approveRequest(orgCall(env, { requestId: randomId('req') }) as never),
      request_not_pending: async (env) =>
        env.fx.allot.approveRequest(orgCall(env, { requestId: (await closedRequest(env)).id }) as never),
      insufficient_pool: async (env) => {
        const request = await ok(
          env.fx.allot.submitRequest({ actor: env.m.actor, orgId: env.fx.orgId, amount: 1_000_000 }),
        );
        return env.fx.allot.approveRequest(orgCall(env, { requestId: request.id }) as never);
      },
    },
  },
  rejectRequest: {
    kind: 'command',
    valid: async (env) => orgCall(env, { requestId: (await pendingRequest(env)).id }),
    own: {
      not_found: async (env) =>
        env.fx.allot.rejectRequest(orgCall(env, { requestId: randomId('req') }) as never),
      request_not_pending: async (env) =>
        env.fx.allot.rejectRequest(orgCall(env, { requestId: (await closedRequest(env)).id }) as never),
    },
  },
  cancelRequest: {
    kind: 'command',
    valid: async (env) => ({
      actor: env.m.actor,
      orgId: env.fx.orgId,
      requestId: (await pendingRequest(env)).id,
    }),
    own: {
      not_found: async (env) =>
        env.fx.allot.cancelRequest({ actor: env.m.actor, orgId: env.fx.orgId, requestId: randomId('req') }),
      request_not_pending: async (env) =>
        env.fx.allot.cancelRequest({
          actor: env.m.actor,
          orgId: env.fx.orgId,
          requestId: (await closedRequest(env)).id,
        }),
    },
  },
  reserve: {
    kind: 'command',
    valid: async (env) => orgCall(env, { userId: env.m.userId, amount: 1, idempotencyKey: key() }),
    own: {
      not_found: async (env) =>
        env.fx.allot.reserve(
          orgCall(env, { userId: randomId('u'), amount: 1, idempotencyKey: key() }) as never,
        ),
      insufficient_credits: async (env) =>
        env.fx.allot.reserve(
          orgCall(env, { userId: env.m.userId, amount: 101, idempotencyKey: key() }) as never,
        ),
    },
  },
  capture: {
    kind: 'command',
    valid: async (env) =>
      orgCall(env, { holdId: (await env.fx.reserve(env.m.userId, 5)).id, idempotencyKey: key() }),
    own: {
      not_found: async (env) =>
        env.fx.allot.capture(orgCall(env, { holdId: randomId('hold'), idempotencyKey: key() }) as never),
      hold_not_active: async (env) =>
        env.fx.allot.capture(
          orgCall(env, { holdId: (await releasedHold(env)).id, idempotencyKey: key() }) as never,
        ),
    },
  },
  release: {
    kind: 'command',
    valid: async (env) => orgCall(env, { holdId: (await env.fx.reserve(env.m.userId, 5)).id }),
    own: {
      not_found: async (env) => env.fx.allot.release(orgCall(env, { holdId: randomId('hold') }) as never),
      hold_not_active: async (env) =>
        env.fx.allot.release(orgCall(env, { holdId: (await releasedHold(env)).id }) as never),
    },
  },
  topUp: {
    kind: 'command',
    valid: async ({ fx }) => ({ actor: fx.system, orgId: fx.orgId, amount: 5 }),
    own: {
      not_found: async ({ fx }) => fx.allot.topUp({ actor: fx.system, orgId: randomId('org'), amount: 5 }),
    },
  },
  getSettings: read(),
  overview: read(),
  members: read(),
  requests: read(),
  ledger: read(),
  summary: read(),
  exportCsv: read(),
  balance: read(),
  verifyJournal: read(),
  journalHead: read(),
  holds: read(),
};

/** A second organization; returns the domain it claims. */
async function createAnother(fx: OrgFixture): Promise<string> {
  const domain = uniqueDomain();
  const made = await ok(
    fx.allot.createOrganization({
      actor: fx.system,
      name: 'Other',
      domains: [domain],
      monthlyPool: 1,
      admins: [{ userId: randomId('u'), email: `a@${domain}`, name: 'A' }],
    }),
  );
  return made.domains[0] ?? domain;
}

/** The generic codes, each the valid call broken one way. */
function genericScenarios(method: AllotMethod, kind: Kind, kit: SuiteContext) {
  const call = invoke(method);
  const c = cases[method];
  const scenarios: Partial<Record<CommandErrorCode | ReadErrorCode, Scenario>> = {
    validation: async (env) => {
      const valid = await c.valid(env);
      return call(env.fx.allot, 'orgId' in valid ? { ...valid, orgId: '' } : { ...valid, name: '' });
    },
    forbidden: async (env) => {
      const valid = await c.valid(env);
      return call(env.fx.allot, { ...valid, actor: actors.user(env.fx.orgId, randomId('ghost')) });
    },
    store_unavailable: async (env) => {
      const valid = await c.valid(env);
      return call(
        createAllot({ store: downStore(kit.store), clock: env.fx.clock.now, events: false }),
        valid,
      );
    },
  };
  if (kind === 'read') {
    scenarios.not_found = async (env) =>
      call(env.fx.allot, { ...(await c.valid(env)), actor: env.fx.system, orgId: randomId('org') });
  } else if (kind === 'command') {
    // The key is first used by another command of the same scope: an org's top-up, or for
    // calls that belong to no organization yet, the same method with another payload.
    scenarios.idempotency_conflict = async (env) => {
      const reused = randomId('reused');
      const valid = await c.valid(env);
      await ok(
        'orgId' in valid
          ? env.fx.allot.topUp({
              actor: env.fx.system,
              orgId: env.fx.orgId,
              amount: 1,
              idempotencyKey: reused,
            })
          : call(env.fx.allot, { ...(await c.valid(env)), idempotencyKey: reused }),
      );
      return call(env.fx.allot, { ...valid, idempotencyKey: reused });
    };
  }
  return scenarios;
}

/**
 * Each method's type names the error codes it can fail with; here each of them is reached, on
 * this store: its own codes by a scenario, the generic ones by breaking a valid call.
 */
export function errorsPerMethodSuite(kit: SuiteContext): void {
  const env = async (): Promise<Env> => {
    const fx = await kit.org({ monthlyPool: 1000 });
    return { fx, m: await fx.member({ allocation: 100 }) };
  };

  describe('errors per method', () => {
    for (const method of Object.keys(cases) as AllotMethod[]) {
      const c = cases[method];
      it(`${method}: succeeds, and reaches every code its type lists but outcome_unknown`, async () => {
        const first = await env();
        expect(await ok(invoke(method)(first.fx.allot, await c.valid(first)))).toBeDefined();
        const scenarios = { ...genericScenarios(method, c.kind, kit), ...c.own } as Record<string, Scenario>;
        const reached: Record<string, string> = {};
        for (const [code, scenario] of Object.entries(scenarios)) {
          const outcome = await settle(scenario(await env()));
          reached[code] = outcome.ok ? 'succeeded' : outcome.error.code;
        }
        expect(reached).toEqual(Object.fromEntries(Object.keys(scenarios).map((code) => [code, code])));
      });
    }

    it('a read whose rollover lost its commit’s answer is store_unavailable (never outcome_unknown), and a retry reads', async () => {
      const { fx } = await env();
      const lossy = lossyCommits(kit.store);
      const allot = createAllot({ store: lossy.store, clock: fx.clock.now, events: false });
      fx.clock.advance(40 * 24 * 3600 * 1000);
      lossy.plan('after');
      expect((await errorOf(allot.overview({ actor: fx.admin, orgId: fx.orgId }))).code).toBe(
        'store_unavailable',
      );
      expect(
        (await ok(allot.overview({ actor: fx.admin, orgId: fx.orgId }))).period.start > fx.org.createdAt,
      ).toBe(true);
    });

    it('every command answers outcome_unknown when each commit’s answer is lost and the store never tells', async () => {
      const commands = (Object.keys(cases) as AllotMethod[]).filter((m) => cases[m].kind !== 'read');
      const reached = await Promise.all(
        commands.map(async (method) => {
          const e = await env();
          const valid = await cases[method].valid(e);
          const lossy = lossyCommits(kit.store);
          lossy.plan('after', 'down', 'down', 'down', 'down', 'down');
          const allot = createAllot({ store: lossy.store, clock: e.fx.clock.now, events: false });
          return { method, code: (await errorOf(invoke(method)(allot, valid))).code };
        }),
      );
      expect(reached).toEqual(commands.map((method) => ({ method, code: 'outcome_unknown' })));
    });
  });
}
