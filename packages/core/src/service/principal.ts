import { authorize, type Principal, type Requirement } from '../decide/authorize';
import type { StoreReader } from '../port';
import type { Actor } from '../schemas/actor';
import { unwrap } from './runtime';

/** Authorizes `actor` in `orgId` against the store's member records; aborts when refused. */
export async function principalFor(
  reader: StoreReader,
  actor: Actor,
  orgId: string,
  requirement: Requirement,
): Promise<Principal> {
  const actorMember =
    actor.type === 'user' && actor.orgId === orgId
      ? await reader.getMember({ orgId, userId: actor.userId })
      : null;
  return unwrap(authorize(actor, actorMember, orgId, requirement));
}
