import type { ChangeSet, MemberRecord, OrganizationRecord } from '../port';
import type { AllotEvent } from '../schemas/events';
import type { Member } from '../schemas/records';
import { memberAlertUpdate } from './alerts';
import { activeAlerts, type DecisionContext, toMember } from './context';
import type { DecisionResult } from './decision';

/** An event's own fields, without the id and time every event gets. */
type EventFields = AllotEvent extends infer E ? (E extends AllotEvent ? Omit<E, 'id' | 'at'> : never) : never;

/**
 * Completes a decision: member alerts fire or clear for every member it changes (by the
 * organization's alert settings), every journal entry, request and enrolment becomes an outbox
 * event, and the result's members carry the alerts that are written. Every command's decision
 * goes through it, so what is written and what is answered agree.
 *
 * Pure. `org` is the organization the decision acts in (its new record when it changes it).
 *
 * @example
 * ```ts
 * const decision = completeDecision(decideConsume(member, input, ctx), org, ctx);
 * ```
 */
export function completeDecision<R>(
  decision: DecisionResult<R>,
  org: OrganizationRecord | null,
  ctx: DecisionContext,
): DecisionResult<R> {
  return decision.map(({ changes, result }) => {
    if (Object.keys(changes).length === 0) return { changes, result };
    const complete = completeChanges(changes, changes.organization ?? org, ctx);
    return { changes: complete, result: withWrittenAlerts(result, complete.members) };
  });
}

/**
 * Completes a change set (a rollover's, a hold expiry's): member alerts and outbox events, as
 * {@link completeDecision} does.
 *
 * @example
 * ```ts
 * await tx.write(completeChanges(rolled.changes, rolled.organization, ctx));
 * ```
 */
export function completeChanges(
  changes: ChangeSet,
  org: OrganizationRecord | null,
  ctx: DecisionContext,
): ChangeSet {
  const events: AllotEvent[] = [];
  const event = (fields: EventFields): AllotEvent =>
    ({ id: ctx.newId(), at: ctx.now, ...fields }) as AllotEvent;
  for (const entry of changes.journal ?? []) {
    // An entry's event takes the entry's id: unique, and handy to deduplicate on.
    events.push({ id: entry.id, at: entry.at, type: 'journal.entry', orgId: entry.orgId, entry });
  }
  let members = changes.members;
  if (org && members) {
    members = members.map((m) => {
      const update = memberAlertUpdate(org.memberAlerts, m, ctx);
      events.push(...update.events);
      return update.member;
    });
  }
  for (const entry of changes.journal ?? []) {
    const member = entry.type === 'member_enrolled' && members?.find((m) => m.userId === entry.userId);
    if (member) events.push(event({ type: 'member.enrolled', orgId: entry.orgId, member: toMember(member) }));
  }
  for (const request of changes.requests ?? []) {
    const type = request.status === 'pending' ? 'request.submitted' : 'request.decided';
    events.push(event({ type, orgId: request.orgId, request }));
  }
  events.push(...(changes.events ?? []));
  return { ...changes, ...(members ? { members } : {}), ...(events.length > 0 ? { events } : {}) };
}

/** Gives each top-level member of a result the alerts that are written. */
function withWrittenAlerts<R>(result: R, written: readonly MemberRecord[] | undefined): R {
  if (!written || typeof result !== 'object' || result === null) return result;
  const out: Record<string, unknown> = { ...(result as Record<string, unknown>) };
  let moved = false;
  for (const [key, value] of Object.entries(out)) {
    const member = value as Partial<Member> | null;
    const record = member?.userId !== undefined && written.find((m) => m.userId === member.userId);
    if (!record || !member?.alerts) continue;
    const alerts = activeAlerts(record.alerts);
    if (alerts.join() === member.alerts.join()) continue;
    out[key] = { ...member, alerts };
    moved = true;
  }
  return moved ? (out as R) : result;
}
