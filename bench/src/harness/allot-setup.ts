import { type Allot, type AllotError, actors } from '@allot/core';

/** The system actor every benchmark call runs as (the host's own server, as metering does). */
export const system = actors.system();

/** Unwraps a result or throws with the error: a failed call in a benchmark is a bug, not a figure. */
export function must<T>(result: Matchable<T>): Promise<T> {
  return result.match(
    (value) => value,
    (error) => {
      throw new Error(`${error.code}: ${error.message}`);
    },
  );
}

/** The part of neverthrow's `ResultAsync` that {@link must} uses. */
interface Matchable<T> {
  match<A, B = A>(ok: (value: T) => A, err: (error: AllotError) => B): Promise<A | B>;
}

/** A benchmark organization: its id and the user ids of its members. */
export interface BenchOrg {
  orgId: string;
  userIds: string[];
}

/** The user id of the `i`-th benchmark member. */
export function memberId(i: number): string {
  return `m${i}`;
}

/**
 * Creates an organization through the public API with `members` members, each enrolled with
 * `allocation` credits (the organization's default allocation), one admin besides them.
 */
export async function createBenchOrg(
  allot: Allot,
  {
    orgId,
    members,
    allocation,
    concurrency = 1,
  }: { orgId: string; members: number; allocation: number; concurrency?: number },
): Promise<BenchOrg> {
  const domain = `${orgId.toLowerCase()}.example`;
  await must(
    allot.createOrganization({
      actor: system,
      id: orgId,
      name: `Bench ${orgId}`,
      domains: [domain],
      monthlyPool: Number.MAX_SAFE_INTEGER,
      defaultAllocation: allocation,
      admins: [{ userId: 'admin', email: `admin@${domain}`, name: 'Bench Admin' }],
    }),
  );
  const userIds = Array.from({ length: members }, (_, i) => memberId(i));
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < userIds.length) {
        const userId = userIds[next++] as string;
        const enrolled = await must(
          allot.enroll({ actor: system, userId, email: `${userId}@${domain}`, name: `Member ${userId}` }),
        );
        if (enrolled.outcome === 'no_matching_org')
          throw new Error(`enroll found no organization for ${userId}`);
        if (enrolled.member.allocated !== allocation) {
          throw new Error(
            `${userId} got ${enrolled.member.allocated} credits, not ${allocation}: the pool ran out`,
          );
        }
      }
    }),
  );
  return { orgId, userIds };
}
