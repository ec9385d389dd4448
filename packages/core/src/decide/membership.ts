import { err, ok } from 'neverthrow';
import { errors } from '../errors';
import type { MemberRecord, OrganizationRecord } from '../port';
import type { Role } from '../schemas/primitives';
import type { Member } from '../schemas/records';
import { safeTotal } from './bounds';
import { type DecisionContext, memberEntry, newMemberRecord, toMember, unallocatedOf } from './context';
import type { DecisionResult } from './decision';
import { isPublicEmailDomain } from './public-domains';

/**
 * How an enrollment ended.
 *
 * @example
 * ```ts
 * const enrolled = await orThrow(
 *   allot.enroll({ actor: actors.system(), userId: 'bob', email: 'bob@acme.com', name: 'Bob' }),
 * );
 * if (enrolled.outcome === 'no_matching_org') console.log('no organization claims acme.com');
 * ```
 */
export type EnrollResult =
  | { outcome: 'enrolled'; orgId: string; member: Member }
  | { outcome: 'already_member'; orgId: string; member: Member }
  | { outcome: 'no_matching_org'; orgId: null; member: null };

/**
 * The domain part of an email address, lower-cased.
 *
 * @example
 * ```ts
 * emailDomain('Bob@Acme.COM'); // 'acme.com'
 * ```
 */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Enrolls a new sign-up in the organization that claims their email's domain (exact match, not a
 * suffix), as a `member` with the org's default allocation when the pool has room for it.
 * Enrolling an existing member changes nothing; a removed member comes back active.
 *
 * Pure: it reads and writes nothing. The service loads the records under lock in one store
 * transaction, calls it, and writes `changes` with `tx.write`.
 * It does not fail. With no organization claiming the domain (`org` null), or a public email
 * provider's domain (even one claimed before claims were checked), the outcome is
 * `no_matching_org` and nothing changes.
 *
 * @example
 * ```ts
 * const org = await tx.findOrganizationByDomain({ domain: emailDomain(email) });
 * const existing = org && (await tx.lockMember({ orgId: org.id, userId }));
 * const decision = decideEnroll(org, existing, { userId, email, name }, ctx);
 * ```
 */
export function decideEnroll(
  org: OrganizationRecord | null,
  existing: MemberRecord | null,
  input: { userId: string; email: string; name: string },
  ctx: DecisionContext,
): DecisionResult<EnrollResult> {
  if (!org || isPublicEmailDomain(emailDomain(input.email))) {
    return ok({ changes: {}, result: { outcome: 'no_matching_org', orgId: null, member: null } });
  }
  if (existing && existing.status === 'active') {
    return ok({
      changes: {},
      result: { outcome: 'already_member', orgId: org.id, member: toMember(existing) },
    });
  }
  const unallocated = unallocatedOf(org);
  const fits = safeTotal(
    'defaultAllocation',
    "the organization's allocated credits",
    org.allocated,
    org.defaultAllocation,
  );
  const grant = org.defaultAllocation <= unallocated && fits.isOk() ? org.defaultAllocation : 0;
  const base: MemberRecord = existing
    ? { ...existing, status: 'active', role: 'member', email: input.email, name: input.name }
    : newMemberRecord(
        { orgId: org.id, userId: input.userId, email: input.email, name: input.name, role: 'member' },
        ctx,
      );
  const [enrolled, enrolledEntry] = memberEntry(
    base,
    { type: 'member_enrolled', amount: 0, description: `${input.email} joined` },
    ctx,
  );
  const journal = [enrolledEntry];
  let member = enrolled;
  if (grant > 0) {
    const [granted, grantEntry] = memberEntry(
      { ...member, allocated: member.allocated + grant },
      { type: 'allocation', amount: grant, description: 'Default allocation' },
      ctx,
    );
    member = granted;
    journal.push(grantEntry);
  }
  const organization = { ...org, allocated: org.allocated + grant, updatedAt: ctx.now };
  return ok({
    changes: { organization, members: [member], journal },
    result: { outcome: 'enrolled', orgId: org.id, member: toMember(member) },
  });
}

/**
 * Changes a member's role; an organization always keeps at least one admin.
 *
 * Pure: it reads and writes nothing. The service loads the records under lock in one store
 * transaction, calls it, and writes `changes` with `tx.write`.
 * Err: `not_found` (no active member), `conflict` (it would leave no admin).
 *
 * @example
 * ```ts
 * const decision = decideSetRole(member, { userId: 'bob', role: 'admin' }, activeAdmins, ctx);
 * ```
 */
export function decideSetRole(
  current: MemberRecord | null,
  input: { userId: string; role: Role },
  activeAdmins: number,
  ctx: DecisionContext,
): DecisionResult<{ member: Member }> {
  if (current?.status !== 'active') return err(errors.notFound('member', input.userId));
  if (current.role === input.role) return ok({ changes: {}, result: { member: toMember(current) } });
  if (current.role === 'admin' && activeAdmins <= 1) {
    return err(errors.conflict('This is the last admin of the organization; make someone else admin first.'));
  }
  const [member, entry] = memberEntry(
    { ...current, role: input.role },
    { type: 'role_changed', amount: 0, description: `Role changed from ${current.role} to ${input.role}` },
    ctx,
  );
  return ok({ changes: { members: [member], journal: [entry] }, result: { member: toMember(member) } });
}
