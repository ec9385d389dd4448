import type { Server } from 'node:http';
import {
  type Allot,
  type AllotOptions,
  type AllotStore,
  actors,
  createAllot,
  createManualClock,
  type ManualClock,
} from '@allot/core';
import type { AllotCaller } from '@allot/http';
import request from 'supertest';
import { AUTH_HEADER, MOUNT, type ServerAdapter } from '../adapters';

export { AUTH_HEADER } from '../adapters';

/** A store under test and how to dispose of it. */
export interface StoreHandle {
  store: AllotStore;
  close(): Promise<void>;
}

/** Makes a fresh, empty store (memory, SQLite, …) for one harness. */
export type StoreFactory = () => StoreHandle | Promise<StoreHandle>;

/** What the suite runs on: a framework adapter and a store. */
export interface SuiteTarget {
  adapter: ServerAdapter;
  store: StoreFactory;
}

/** The people of the two seeded organizations. */
export const people = {
  ada: { orgId: 'acme', userId: 'ada', role: 'admin', email: 'ada@acme.com', name: 'Ada Admin' },
  bob: { orgId: 'acme', userId: 'bob', role: 'member', email: 'bob@acme.com', name: 'Bob Builder' },
  cy: { orgId: 'acme', userId: 'cy', role: 'member', email: 'cy@acme.com', name: 'Cy Coder' },
  gus: { orgId: 'globex', userId: 'gus', role: 'admin', email: 'gus@globex.com', name: 'Gus Globex' },
  hank: { orgId: 'globex', userId: 'hank', role: 'member', email: 'hank@globex.com', name: 'Hank Hill' },
} as const;
export type Person = keyof typeof people;

export function authOf(person: Person): string {
  return `${people[person].orgId}:${people[person].userId}`;
}

/** The test host's authentication: anyone who names an org and a user in `x-user` (async, like a session lookup). */
async function callerFromHeader(value: string | undefined): Promise<AllotCaller | null> {
  const sep = value?.indexOf(':') ?? -1;
  if (!value || sep <= 0 || sep === value.length - 1) return null;
  return { orgId: value.slice(0, sep), userId: value.slice(sep + 1) };
}

export type Verb = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';

export interface Harness {
  allot: Allot;
  store: AllotStore;
  clock: ManualClock;
  server: Server;
  /** Bob's usage of 1200 credits (seeded). */
  usageId: string;
  /** Bob's active hold of 300 credits, lapsing at 10:00 (seeded): bob has 1500 remaining. */
  holdId: string;
  /** Bob's pending request for 500 credits (seeded). */
  requestId: string;
  /** Hank's (globex) pending request for 100 credits (seeded). */
  otherOrgRequestId: string;
  /** Supertest requests to `MOUNT<path>` as `person` (unauthenticated when omitted). */
  as(person?: Person): Record<Verb, (path: string) => request.Test>;
  /** Journal entries across both organizations. */
  journalSize(): Promise<number>;
  errorsReported: unknown[];
  close(): Promise<void>;
}

function must<T>(result: { match<A>(onOk: (value: T) => A, onErr: (error: unknown) => A): A }): T {
  return result.match(
    (value) => value,
    (error) => {
      throw new Error(`seed failed: ${JSON.stringify(error)}`);
    },
  );
}

async function seed(allot: Allot) {
  const system = actors.system();
  for (const [id, name, domain, pool, admin] of [
    ['acme', 'Acme Corp', 'acme.com', 10_000, people.ada],
    ['globex', 'Globex', 'globex.com', 5_000, people.gus],
  ] as const) {
    must(
      await allot.createOrganization({
        actor: system,
        id,
        name,
        domains: [domain],
        monthlyPool: pool,
        admins: [{ userId: admin.userId, email: admin.email, name: admin.name }],
      }),
    );
  }
  for (const p of [people.bob, people.cy, people.hank]) {
    must(await allot.enroll({ actor: system, userId: p.userId, email: p.email, name: p.name }));
  }
  const ada = actors.user('acme', 'ada');
  must(await allot.assign({ actor: ada, orgId: 'acme', userId: 'bob', total: 3000 }));
  must(await allot.assign({ actor: ada, orgId: 'acme', userId: 'cy', total: 2000 }));
  must(
    await allot.assign({ actor: actors.user('globex', 'gus'), orgId: 'globex', userId: 'hank', total: 1000 }),
  );
  const usage = must(
    await allot.consume({
      actor: system,
      orgId: 'acme',
      userId: 'bob',
      amount: 1200,
      idempotencyKey: 'job-1',
      description: 'Video render',
    }),
  );
  const reserved = must(
    await allot.reserve({
      actor: system,
      orgId: 'acme',
      userId: 'bob',
      amount: 300,
      ttlSeconds: 3600,
      idempotencyKey: 'hold-1',
      description: 'Batch export',
    }),
  );
  const request = must(
    await allot.submitRequest({
      actor: actors.user('acme', 'bob'),
      orgId: 'acme',
      amount: 500,
      message: 'Launch',
    }),
  );
  const other = must(
    await allot.submitRequest({ actor: actors.user('globex', 'hank'), orgId: 'globex', amount: 100 }),
  );
  return {
    usageId: usage.usage.id,
    holdId: reserved.hold.id,
    requestId: request.id,
    otherOrgRequestId: other.id,
  };
}

/** What the harness's Allot lets admins do beyond their role (`createAllot`'s access options). */
export type HarnessAccess = Pick<AllotOptions, 'adminsManagePool' | 'forbidSelfApproval'>;

/**
 * A real router over a real store, seeded with two organizations (acme: ada admin, bob and cy
 * members; globex: gus admin, hank member), listening on an ephemeral port. `access` is passed
 * to `createAllot` (by default admins may not change the pool).
 */
export async function createHarness(
  target: SuiteTarget,
  options: {
    usageRoutes?: boolean;
    bodyLimit?: string;
    /** The host's authentication in place of the `x-user` header's. */
    getActor?: () => AllotCaller | null | Promise<AllotCaller | null>;
    access?: HarnessAccess;
  } = {},
): Promise<Harness> {
  const handle = await target.store();
  const clock = createManualClock('2026-11-02T09:00:00Z');
  const allot = createAllot({ store: handle.store, clock: clock.now, ...options.access });
  const seeded = await seed(allot);
  const errorsReported: unknown[] = [];
  const getActor = options.getActor;
  const running = await target.adapter.start({
    allot,
    usageRoutes: options.usageRoutes ?? true,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    caller: getActor ? () => getActor() : callerFromHeader,
    onError: (error) => errorsReported.push(error),
  });
  const { server } = running;

  return {
    allot,
    store: handle.store,
    clock,
    server,
    ...seeded,
    errorsReported,
    as(person) {
      const agent = request(server);
      const verb =
        (name: Verb) =>
        (path: string): request.Test => {
          const test = agent[name](`${MOUNT}${path}`);
          return person ? test.set(AUTH_HEADER, authOf(person)) : test;
        };
      return {
        get: verb('get'),
        post: verb('post'),
        put: verb('put'),
        patch: verb('patch'),
        delete: verb('delete'),
        head: verb('head'),
        options: verb('options'),
      };
    },
    async journalSize() {
      let count = 0;
      for (const orgId of ['acme', 'globex']) {
        for await (const _ of handle.store.streamJournal({ orgId, filter: {} })) count++;
      }
      return count;
    },
    async close() {
      await running.close();
      await handle.close();
    },
  };
}
