import { err, ok, type Result } from 'neverthrow';
import { type AllotError, errors } from '../errors';
import type { MemberRecord } from '../port';
import type { Actor } from '../schemas/actor';

/**
 * Who a call runs as, once authorized: the host's server, or a member of the organization.
 *
 * @example
 * ```ts
 * const principal = authorize(actor, actorMember, orgId, 'admin')._unsafeUnwrap();
 * if (principal.type === 'user') principal.member.role; // 'admin'
 * ```
 */
export type Principal = { type: 'system' } | { type: 'user'; member: MemberRecord };

/**
 * What a call needs: the host's server only, an admin (or the server), or any member.
 *
 * @example
 * ```ts
 * const requirement: Requirement = 'admin'; // the server (system actor) always passes too
 * ```
 */
export type Requirement = 'system' | 'admin' | 'member';

/**
 * Decides whether `actor` may act in organization `orgId`. `actorMember` is the actor's own
 * member record in that organization (null if none). Users act only inside their own
 * organization; roles come from Allot's records, never from the caller.
 *
 * Err `forbidden`: a user acting in another organization, not an active member of it, or not an
 * admin where one is required; anything but the system actor where the system is required.
 *
 * @example
 * ```ts
 * const principal = authorize(actors.user('acme', 'bob'), bobsRecord, 'acme', 'admin');
 * principal.isErr() && principal.error.code; // 'forbidden' when Bob is not an admin
 * ```
 */
export function authorize(
  actor: Actor,
  actorMember: MemberRecord | null,
  orgId: string | null,
  requirement: Requirement,
): Result<Principal, AllotError> {
  if (actor.type === 'system') return ok({ type: 'system' });
  if (requirement === 'system')
    return err(errors.forbidden('Only the host server (the system actor) may do this.'));
  if (orgId !== null && actor.orgId !== orgId) {
    return err(errors.forbidden('You can only act inside your own organization.'));
  }
  if (actorMember?.status !== 'active' || actorMember.userId !== actor.userId) {
    return err(errors.forbidden('You are not a member of this organization.'));
  }
  if (requirement === 'admin' && actorMember.role !== 'admin') {
    return err(errors.forbidden('Only an organization admin may do this.'));
  }
  return ok({ type: 'user', member: actorMember });
}

/** True when the principal may see or act on every member's data (an admin or the server). */
export function seesEveryone(principal: Principal): boolean {
  return principal.type === 'system' || principal.member.role === 'admin';
}

/**
 * The member a self-service call is about: a user acts for themselves (asking for someone else
 * is forbidden unless they are an admin and `allowAdmin` is set); the server must name the member.
 */
export function subjectOf(
  principal: Principal,
  requested: string | undefined,
  allowAdmin: boolean,
): Result<string, AllotError> {
  if (principal.type === 'system') {
    return requested
      ? ok(requested)
      : err(
          errors.validation('userId is required for the system actor.', [
            { path: 'userId', message: 'Required', code: 'invalid_type' },
          ]),
        );
  }
  const self = principal.member.userId;
  if (!requested || requested === self) return ok(self);
  if (allowAdmin && principal.member.role === 'admin') return ok(requested);
  return err(errors.forbidden('You can only see or change your own credits.'));
}
