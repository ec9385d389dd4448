import { type Allot, actors, createAllot } from '@allot/core';
import { type AllotCaller, type AllotHandler, createAllotHandler } from '@allot/http';
import { createMemoryStore } from '@allot/memory';

/**
 * What a test (the route suite in http-suite/) may hand the app in place of its demo: its own
 * Allot and authentication. Set on `globalThis` under this symbol before the server starts.
 */
export const TEST_SETUP = Symbol.for('allot.nextjs.setup');

interface Setup {
  allot: Allot;
  usageRoutes: boolean;
  bodyLimit?: string;
  caller(identity: string | undefined): AllotCaller | null | Promise<AllotCaller | null>;
  onError(error: unknown): void;
}

/** The demo: one organization, Ada its admin and Bob a member, on the memory store. */
async function demo(): Promise<Setup> {
  const allot = createAllot({ store: createMemoryStore() });
  const system = actors.system();
  await allot.createOrganization({
    actor: system,
    id: 'acme',
    name: 'Acme',
    domains: ['acme.example'],
    monthlyPool: 10_000,
    admins: [{ userId: 'ada', email: 'ada@acme.example', name: 'Ada' }],
  });
  await allot.enroll({ actor: system, userId: 'bob', email: 'bob@acme.example', name: 'Bob' });
  await allot.assign({ actor: system, orgId: 'acme', userId: 'bob', total: 2_500 });
  // Sign-in stands in for your own: the `x-user` header, or the demo's admin.
  return {
    allot,
    usageRoutes: false,
    caller: (identity) => ({ orgId: 'acme', userId: identity ?? 'ada' }),
    onError: (error) => console.error(error),
  };
}

const handlers = new WeakMap<Setup, AllotHandler>();
let demoSetup: Promise<Setup> | undefined;
function demoOnce(): Promise<Setup> {
  demoSetup ??= demo();
  return demoSetup;
}

/** The handler for this request: the test's when one is set, else the demo's. */
export async function allotHandler(): Promise<AllotHandler> {
  const setup = (globalThis as { [TEST_SETUP]?: Setup })[TEST_SETUP] ?? (await demoOnce());
  let handler = handlers.get(setup);
  if (!handler) {
    handler = createAllotHandler({
      allot: setup.allot,
      basePath: '/api/credits',
      usageRoutes: setup.usageRoutes,
      ...(setup.bodyLimit === undefined ? {} : { bodyLimit: setup.bodyLimit }),
      getActor: (request) => setup.caller(request.headers.get('x-user') ?? undefined),
      onError: setup.onError,
    });
    handlers.set(setup, handler);
  }
  return handler;
}
