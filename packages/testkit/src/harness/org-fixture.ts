import {
  type Actor,
  type Allot,
  type AllotStore,
  actors,
  type CreateOrganizationInput,
  createAllot,
  createManualClock,
  type JournalEntry,
  type LedgerFilter,
  type ManualClock,
  type Organization,
} from '@allot/core';
import { expect } from 'vitest';
import { journalCount, readJournal } from './journal';
import { randomId, uniqueDomain } from './random';
import { ok } from './results';

/** When every test's clock starts unless it says otherwise (period 2026-03-01 – 2026-04-01). */
export const DEFAULT_START = '2026-03-10T12:00:00.000Z';

/** Settings a test may choose for its organization. */
export type OrgOptions = Partial<
  Pick<
    CreateOrganizationInput,
    'name' | 'monthlyPool' | 'periodAnchorDay' | 'thresholds' | 'rolloverPolicy' | 'defaultAllocation'
  >
> & { start?: string };

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
  /** The organization's journal, newest first. */
  journal(filter?: LedgerFilter): Promise<JournalEntry[]>;
  /** The number of journal entries. */
  count(): Promise<number>;
  /** A member's record through the public API (admin's view). */
  memberState(userId: string): Promise<{ allocated: number; used: number; remaining: number }>;
}

/** Creates an Allot over `store` with a fresh manual clock. */
export function allotWithClock(
  store: AllotStore,
  start: string = DEFAULT_START,
): { allot: Allot; clock: ManualClock } {
  const clock = createManualClock(start);
  return { allot: createAllot({ store, clock: clock.now }), clock };
}

/** Creates an organization with one admin on a fresh clock; `track` registers it for the invariant check. */
export async function createOrgFixture(
  store: AllotStore,
  track: (orgId: string) => void,
  options: OrgOptions = {},
): Promise<OrgFixture> {
  const { start, ...settings } = options;
  const { allot, clock } = allotWithClock(store, start);
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
    journal: (filter) => readJournal(store, orgId, filter),
    count: () => journalCount(store, orgId),
    async memberState(userId) {
      const balance = await ok(allot.balance({ actor: system, orgId, userId }));
      return { allocated: balance.allocated, used: balance.used, remaining: balance.remaining };
    },
  };
  return fixture;
}
