import {
  type Actor,
  type Allot,
  type AllotOptions,
  type AllotStore,
  actors,
  type CreateOrganizationInput,
  createAllot,
  createManualClock,
  type EventOptions,
  type Hold,
  type JournalEntry,
  type LedgerFilter,
  type ManualClock,
  type Organization,
} from '@allot/core';
import { expect } from 'vitest';
import { type EventLog, recordEvents } from './events';
import { journalCount, readJournal } from './journal';
import { randomId, uniqueDomain } from './random';
import { ok } from './results';

/** When every test's clock starts unless it says otherwise (period 2026-03-01 – 2026-04-01). */
export const DEFAULT_START = '2026-03-10T12:00:00.000Z';

/** What org admins may do beyond their role: `createAllot`'s access options. */
export type AccessOptions = Pick<AllotOptions, 'adminsManagePool' | 'forbidSelfApproval'>;

/**
 * Settings a test may choose for its organization, its clock's start, its event delivery and
 * its Allot's access options.
 */
export type OrgOptions = Partial<
  Pick<
    CreateOrganizationInput,
    | 'name'
    | 'monthlyPool'
    | 'periodAnchorDay'
    | 'thresholds'
    | 'rolloverPolicy'
    | 'defaultAllocation'
    | 'memberAlerts'
  >
> & { start?: string; events?: EventOptions | false; access?: AccessOptions };

/** A member a test enrolled. */
export interface MemberFixture {
  userId: string;
  email: string;
  name: string;
  actor: Actor;
}

/** One test's organization: its Allot (with its own manual clock), admin and helpers. */
export interface OrgFixture {
  allot: Allot;
  clock: ManualClock;
  store: AllotStore;
  org: Organization;
  orgId: string;
  domain: string;
  system: Actor;
  adminId: string;
  admin: Actor;
  /** Enrolls a new member through the domain (and assigns `allocation` when > 0). */
  member(options?: { allocation?: number; name?: string; local?: string }): Promise<MemberFixture>;
  /** Consumes `amount` for a member with a fresh idempotency key; returns the usage entry. */
  consume(userId: string, amount: number, description?: string): Promise<JournalEntry>;
  /** Reserves `amount` for a member (system actor, fresh key unless given); returns the hold. */
  reserve(userId: string, amount: number, options?: { ttlSeconds?: number; key?: string }): Promise<Hold>;
  /** Subscribes to every event of this organization from here on (and any still undelivered). */
  record(): EventLog;
  /** The organization's journal, newest first. */
  journal(filter?: LedgerFilter): Promise<JournalEntry[]>;
  /** The number of journal entries. */
  count(): Promise<number>;
  /** A member's record through the public API (admin's view). */
  memberState(userId: string): Promise<{ allocated: number; used: number; remaining: number }>;
  /** A member's allocated, used, held and remaining through the public API (admin's view). */
  balance(userId: string): Promise<{ allocated: number; used: number; held: number; remaining: number }>;
}

/**
 * Creates an Allot over `store` with a fresh manual clock. Delivery retries come quickly (10 ms)
 * unless `events` says otherwise, so a test sees a redelivery without waiting; `false` turns
 * events off.
 */
export function allotWithClock(
  store: AllotStore,
  start: string = DEFAULT_START,
  events: EventOptions | false = {},
  access: AccessOptions = {},
): { allot: Allot; clock: ManualClock } {
  const clock = createManualClock(start);
  const options = events === false ? false : { retryDelayMs: () => 10, ...events };
  return { allot: createAllot({ store, clock: clock.now, events: options, ...access }), clock };
}

/**
 * Creates an organization with one admin on a fresh clock; `track` registers it for the
 * invariant check and `allots` is told about its Allot (to stop its dispatcher after the test).
 */
export async function createOrgFixture(
  store: AllotStore,
  track: (orgId: string) => void,
  options: OrgOptions = {},
  allots: (allot: Allot) => void = () => {},
): Promise<OrgFixture> {
  const { start, events, access, ...settings } = options;
  const { allot, clock } = allotWithClock(store, start, events, access);
  allots(allot);
  const system = actors.system();
  const domain = uniqueDomain();
  const adminId = randomId('admin');
  const org = await ok(
    allot.createOrganization({
      actor: system,
      id: randomId('org'),
      name: 'Test Org',
      domains: [domain],
      monthlyPool: 1000,
      ...settings,
      admins: [{ userId: adminId, email: `admin@${domain}`, name: 'Ada Admin' }],
    }),
  );
  track(org.id);
  const orgId = org.id;

  const fixture: OrgFixture = {
    allot,
    clock,
    store,
    org,
    orgId,
    domain,
    system,
    adminId,
    admin: actors.user(orgId, adminId),
    async member({ allocation = 0, name, local } = {}) {
      const userId = randomId('user');
      const email = `${local ?? userId}@${domain}`;
      const memberName = name ?? `Member ${userId}`;
      const enrolled = await ok(allot.enroll({ actor: system, userId, email, name: memberName }));
      expect(enrolled.outcome).toBe('enrolled');
      if (allocation > 0) await ok(allot.assign({ actor: fixture.admin, orgId, userId, total: allocation }));
      return { userId, email, name: memberName, actor: actors.user(orgId, userId) };
    },
    async consume(userId, amount, description = 'work') {
      const result = await ok(
        allot.consume({ actor: system, orgId, userId, amount, description, idempotencyKey: randomId('key') }),
      );
      return result.usage;
    },
    async reserve(userId, amount, { ttlSeconds, key } = {}) {
      const result = await ok(
        allot.reserve({
          actor: system,
          orgId,
          userId,
          amount,
          idempotencyKey: key ?? randomId('hold'),
          ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
        }),
      );
      return result.hold;
    },
    record: () => recordEvents(allot, orgId),
    journal: (filter) => readJournal(store, orgId, filter),
    count: () => journalCount(store, orgId),
    async memberState(userId) {
      const balance = await ok(allot.balance({ actor: system, orgId, userId }));
      return { allocated: balance.allocated, used: balance.used, remaining: balance.remaining };
    },
    async balance(userId) {
      const { allocated, used, held, remaining } = await ok(allot.balance({ actor: system, orgId, userId }));
      return { allocated, used, held, remaining };
    },
  };
  return fixture;
}
