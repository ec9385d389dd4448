import { err, ok, type Result } from 'neverthrow';
import { type AllotError, errors } from '../errors';
import type { MemberRecord, RequestRecord } from '../port';
import type { Actor } from '../schemas/actor';

/**
 * Who a call runs as, once authorized: the host's server, or a member of the organization.
 *
 * @example
 * ```ts
 * const principal = authorize(actor, actorMember, orgId, 'admin');
 * if (principal.isOk() && principal.value.type === 'user') principal.value.member.role; // 'admin'
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

/**
 * What an Allot instance lets organization admins do beyond their role, set with
 * `createAllot({ adminsManagePool, forbidSelfApproval })`. Both are off by default.
 *
 * @example
 * ```ts
 * const policy: AccessPolicy = { adminsManagePool: true, forbidSelfApproval: true };
 * ```
 */
export interface AccessPolicy {
  /**
   * Org admins may change the monthly pool and top it up. Off by default: the pool is an
   * entitlement the host's billing grants, so only the `system` actor changes it.
   */
  adminsManagePool: boolean;
  /** An admin may not approve their own credit request (another admin, or the server, must). */
  forbidSelfApproval: boolean;
}

/**
 * The policy when `createAllot` is given no access option: only the server changes the pool,
 * and an admin may approve their own request.
 *
 * @example
 * ```ts
 * DEFAULT_ACCESS_POLICY.adminsManagePool; // false
 * ```
 */
export const DEFAULT_ACCESS_POLICY: AccessPolicy = Object.freeze({
  adminsManagePool: false,
  forbidSelfApproval: false,
});

const POOL_REFUSAL =
  'Only the host server (the system actor) may change the monthly pool or top it up: the pool is an entitlement your billing grants. ' +
  'To let organization admins manage it, create Allot with createAllot({ adminsManagePool: true }).';

const DOMAINS_REFUSAL =
  'Only the host server (the system actor) may claim email domains, once it has verified the organization owns them; ' +
  'organization admins cannot change them.';

/**
 * Whether `principal` may change the pool (the monthly pool or a top-up): the server always,
 * an org admin only under `adminsManagePool`.
 *
 * Err `forbidden` for an admin when the policy keeps the pool to the server, saying who may.
 *
 * @example
 * ```ts
 * authorizePoolChange(adaAsAdmin, DEFAULT_ACCESS_POLICY).isErr(); // true: forbidden
 * authorizePoolChange(adaAsAdmin, { ...DEFAULT_ACCESS_POLICY, adminsManagePool: true }).isOk(); // true
 * ```
 */
export function authorizePoolChange(principal: Principal, policy: AccessPolicy): Result<void, AllotError> {
  if (principal.type === 'system' || policy.adminsManagePool) return ok(undefined);
  return err(errors.forbidden(POOL_REFUSAL));
}

/**
 * Whether `principal` may change the organization settings named in `changed` (the keys whose
 * value would really change): the monthly pool follows {@link authorizePoolChange}, email
 * domains are the server's alone (it verifies ownership), every other setting is an admin's.
 *
 * Err `forbidden`, saying who may, when an admin changes a setting kept from them.
 *
 * @example
 * ```ts
 * authorizeSettingsChange(adaAsAdmin, ['domains'], policy); // Err forbidden: only the server claims domains
 * authorizeSettingsChange(adaAsAdmin, ['thresholds', 'name'], policy).isOk(); // true
 * ```
 */
export function authorizeSettingsChange(
  principal: Principal,
  changed: readonly string[],
  policy: AccessPolicy,
): Result<void, AllotError> {
  if (principal.type === 'system') return ok(undefined);
  if (changed.includes('domains')) return err(errors.forbidden(DOMAINS_REFUSAL));
  if (changed.includes('monthlyPool')) return authorizePoolChange(principal, policy);
  return ok(undefined);
}

/**
 * Whether `principal` may approve `request`: under `forbidSelfApproval`, not the admin who made
 * it. A missing request passes (the decision reports it as not found).
 *
 * Err `forbidden` when an admin approves their own request under `forbidSelfApproval`.
 *
 * @example
 * ```ts
 * authorizeApproval(adaAsAdmin, { userId: 'ada' }, { ...DEFAULT_ACCESS_POLICY, forbidSelfApproval: true });
 * // Err forbidden: another admin must approve it
 * ```
 */
export function authorizeApproval(
  principal: Principal,
  request: { userId: string } | null,
  policy: AccessPolicy,
): Result<void, AllotError> {
  if (!policy.forbidSelfApproval || principal.type === 'system' || request === null) return ok(undefined);
  if (request.userId !== principal.member.userId) return ok(undefined);
  return err(
    errors.forbidden(
      'You cannot approve your own credit request: another organization admin (or the host server) must approve it.',
    ),
  );
}

/**
 * Decides whether a principal may cancel a request: a member only their own, and only while
 * still an active member (a removal since the call was authorized refuses); the system actor any.
 * `request` and `member` are the request and its member as locked.
 *
 * @example
 * ```ts
 * authorizeCancel(principal, request, member).isErr(); // true for someone else's request
 * ```
 */
export function authorizeCancel(
  principal: Principal,
  request: RequestRecord | null,
  member: MemberRecord | null,
): Result<void, AllotError> {
  if (principal.type === 'system' || !request) return ok(undefined);
  if (request.userId !== principal.member.userId) {
    return err(errors.forbidden('Only the member who made a request may cancel it.'));
  }
  if (member?.status !== 'active')
    return err(errors.forbidden('You are no longer a member of this organization.'));
  return ok(undefined);
}
