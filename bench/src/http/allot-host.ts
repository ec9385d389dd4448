import { type Allot, createAllot } from '@allot/core';
import type { AllotCaller } from '@allot/http';
import { createMemoryStore } from '@allot/memory';
import { createBenchOrg } from '../harness/allot-setup';
import { MEMBER_ID, ORG_ID } from './protocol';

/** Enough credits that POST /usage (1 credit each) never runs out in a run. */
const ALLOCATION = 1_000_000_000;

/** What every Allot server is started with: the host's Allot and its authentication. */
export interface AllotHost {
  allot: Allot;
  /** The caller named by the `x-user: <orgId>:<userId>` header, or null without one (401). */
  caller(identity: string | undefined): AllotCaller | null;
  onError(error: unknown): void;
}

/** A memory store holding one organization: the admin who calls and one member with a big allocation. */
export async function createAllotHost(): Promise<AllotHost> {
  const allot = createAllot({ store: createMemoryStore() });
  const org = await createBenchOrg(allot, { orgId: ORG_ID, members: 1, allocation: ALLOCATION });
  if (org.userIds[0] !== MEMBER_ID)
    throw new Error(`the seeded member is ${org.userIds[0]}, not ${MEMBER_ID}`);
  return {
    allot,
    caller(identity) {
      const at = identity?.indexOf(':') ?? -1;
      if (!identity || at < 1) return null;
      return { orgId: identity.slice(0, at), userId: identity.slice(at + 1) };
    },
    onError: (error) => console.error('[bench http server]', error),
  };
}
