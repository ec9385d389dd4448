import { randomUUID } from 'node:crypto';
import { type Actor, type Allot, type AllotStore, actors, createAllot } from '@allot/core';
import { must } from './results';

/** An organization with funded members, made through the public API. */
export interface FundedOrg {
  allot: Allot;
  orgId: string;
  domain: string;
  system: Actor;
  /** The first admin's actor (user id `admin`). */
  admin: Actor;
  userIds: string[];
}

/**
 * Creates an organization (admin `admin`) with `members` members (`m0`, `m1`, …) each assigned
 * `allocation` credits; the pool is `monthlyPool` (default: exactly what is assigned).
 */
export async function fundedOrg(
  store: AllotStore,
  options: { members: number; allocation: number; monthlyPool?: number; allot?: Allot },
): Promise<FundedOrg> {
  const allot = options.allot ?? createAllot({ store });
  const system = actors.system();
  const tag = randomUUID().replace(/-/g, '').slice(0, 12);
  const domain = `f${tag}.test`;
  const org = await must(
    allot.createOrganization({
      actor: system,
      id: `org-${tag}`,
      name: `Org ${tag}`,
      domains: [domain],
      monthlyPool: options.monthlyPool ?? options.members * options.allocation,
      admins: [{ userId: 'admin', email: `admin@${domain}`, name: 'Admin' }],
    }),
  );
  const userIds: string[] = [];
  for (let i = 0; i < options.members; i++) {
    const userId = `m${i}`;
    await must(allot.enroll({ actor: system, userId, email: `${userId}@${domain}`, name: `Member ${i}` }));
    if (options.allocation > 0) {
      await must(allot.assign({ actor: system, orgId: org.id, userId, total: options.allocation }));
    }
    userIds.push(userId);
  }
  return { allot, orgId: org.id, domain, system, admin: actors.user(org.id, 'admin'), userIds };
}

/** Every journal entry of an organization (public port). */
export async function journalOf(store: AllotStore, orgId: string) {
  return store.listJournal({ orgId, filter: {}, limit: 1_000_000 });
}
