import { ok } from 'neverthrow';
import type { AllotErrorOf } from '../errors';
import type { ChangeSet, MemberRecord, OrganizationRecord } from '../port';
import type { AllotEvent } from '../schemas/events';
import type { JournalEntry } from '../schemas/records';
import { completeDecision } from './complete';
import type { DecisionContext } from './context';
import type { DecisionResult } from './decision';
import { type ConsumeResult, decideConsume } from './usage';

/**
 * What one event of a `consumeMany` call can be refused with: no active member (`not_found`),
 * too few credits left (`insufficient_credits`), its key already used for another payload
 * (`idempotency_conflict`), or a total past `Number.MAX_SAFE_INTEGER` (`validation`).
 *
 * @example
 * ```ts
 * const retryLater = (error: UsageEventError) => error.code === 'insufficient_credits';
 * ```
 */
export type UsageEventError = AllotErrorOf<
  'validation' | 'not_found' | 'insufficient_credits' | 'idempotency_conflict'
>;

/**
 * An event of a `consumeMany` call that was recorded (or replayed): what `consume` answers.
 *
 * @example
 * ```ts
 * const done: UsageEventSuccess = { ok: true, idempotencyKey: 'e-1', usage, member };
 * ```
 */
export interface UsageEventSuccess extends ConsumeResult {
  ok: true;
  idempotencyKey: string;
}

/**
 * An event of a `consumeMany` call that was refused; nothing was written for it.
 *
 * @example
 * ```ts
 * const refused: UsageEventFailure = { ok: false, idempotencyKey: 'e-2', error: errors.insufficientCredits(50, 20) };
 * ```
 */
export interface UsageEventFailure {
  ok: false;
  idempotencyKey: string;
  error: UsageEventError;
}

/**
 * The outcome of one event of a `consumeMany` call.
 *
 * @example
 * ```ts
 * const spent = (outcomes: UsageEventOutcome[]) => outcomes.reduce((n, o) => n + (o.ok ? -o.usage.amount : 0), 0);
 * ```
 */
export type UsageEventOutcome = UsageEventSuccess | UsageEventFailure;

/**
 * What `consumeMany` answers: one outcome per event, in the order of the events.
 *
 * @example
 * ```ts
 * const { results } = await orThrow(allot.consumeMany({ actor: actors.system(), orgId, events }));
 * for (const r of results) if (!r.ok) console.warn(r.idempotencyKey, r.error.code);
 * ```
 */
export interface ConsumeManyResult {
  results: UsageEventOutcome[];
}

/**
 * One event to decide, as `consume` takes it (`description` already defaulted).
 *
 * @example
 * ```ts
 * const next: UsageEventToDecide = { userId: 'bob', amount: 5, idempotencyKey: 'e-1', description: '' };
 * ```
 */
export interface UsageEventToDecide {
  userId: string;
  amount: number;
  idempotencyKey: string;
  description: string;
  metadata?: JournalEntry['metadata'] | undefined;
}

/**
 * Decides a batch of usage events, one after another in their order, each exactly as
 * {@link decideConsume} decides a `consume` (and completed as `completeDecision` completes it):
 * an event refused for its member changes nothing and the next events go on; a later event of the
 * same member sees what the earlier ones spent. Each entry carries its event's idempotency key.
 *
 * Pure: it reads and writes nothing. `members` holds every member the events name, locked (null
 * when absent). The decision never fails as a whole: refusals are in the outcomes, and the
 * changes are those of the events that succeeded (each member once, at its last state).
 *
 * @example
 * ```ts
 * const decision = decideConsumeMany(org, new Map([['bob', bob]]), [
 *   { userId: 'bob', amount: 5, idempotencyKey: 'e-1', description: '' },
 *   { userId: 'bob', amount: 9_999, idempotencyKey: 'e-2', description: '' }, // refused: too much
 * ], ctx);
 * ```
 */
export function decideConsumeMany(
  org: OrganizationRecord,
  members: ReadonlyMap<string, MemberRecord | null>,
  events: readonly UsageEventToDecide[],
  ctx: DecisionContext,
): DecisionResult<UsageEventOutcome[]> {
  const current = new Map(members);
  const written = new Map<string, MemberRecord>();
  const journal: JournalEntry[] = [];
  const outbox: AllotEvent[] = [];
  const outcomes = events.map((event): UsageEventOutcome => {
    const { idempotencyKey } = event;
    const eventCtx = { ...ctx, idempotencyKey };
    const decided = completeDecision(
      decideConsume(current.get(event.userId) ?? null, event, eventCtx),
      org,
      eventCtx,
    );
    if (decided.isErr()) {
      return { ok: false, idempotencyKey, error: decided.error as UsageEventError };
    }
    const { changes, result } = decided.value;
    for (const member of changes.members ?? []) {
      current.set(member.userId, member);
      written.set(member.userId, member);
    }
    journal.push(...(changes.journal ?? []));
    outbox.push(...(changes.events ?? []));
    return { ok: true, idempotencyKey, ...result };
  });
  const changes: ChangeSet =
    journal.length === 0
      ? {}
      : { members: [...written.values()], journal, ...(outbox.length > 0 ? { events: outbox } : {}) };
  return ok({ changes, result: outcomes });
}
