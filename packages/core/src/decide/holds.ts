import { err, ok, type Result } from 'neverthrow';
import { type AllotError, errors } from '../errors';
import type { HoldRecord, MemberRecord, OrganizationRecord } from '../port';
import type { Hold, HoldStatus } from '../schemas/holds';
import type { JournalEntry, Member } from '../schemas/records';
import { safeTotal } from './bounds';
import { type DecisionContext, memberEntry, organizationEntry, poolOf, toMember } from './context';
import type { DecisionResult } from './decision';
import { spendable } from './usage';

/**
 * A hold and its member after a reserve or release.
 *
 * @example
 * ```ts
 * const { hold, member } = await orThrow(
 *   allot.reserve({ actor: actors.system(), orgId, userId: 'bob', amount: 300, idempotencyKey: 'job-7' }),
 * );
 * member.held; // includes the 300
 * ```
 */
export interface HoldResult {
  hold: Hold;
  member: Member;
}

/**
 * A captured hold, the usage entry it became and the member after it.
 *
 * @example
 * ```ts
 * const { usage, hold } = await orThrow(
 *   allot.capture({ actor: actors.system(), orgId, holdId, amount: 240, idempotencyKey: 'job-7:capture' }),
 * );
 * usage.holdId === hold.id; // true
 * ```
 */
export interface CaptureResult extends HoldResult {
  usage: JournalEntry;
}

/**
 * A pool top-up: its journal entry and this period's pool after it.
 *
 * @example
 * ```ts
 * const { pool, topUps } = await orThrow(allot.topUp({ actor: admin, amount: 2_000 }));
 * ```
 */
export interface TopUpResult {
  entry: JournalEntry;
  /** Σ top-ups this period. */
  topUps: number;
  /** This period's pool: monthly pool plus top-ups. */
  pool: number;
}

/** The earlier of two optional instants. */
function earliest(a: string | null, b: string): string {
  return a !== null && a < b ? a : b;
}

/** The member after `amount` of its held credits were freed; no active hold left clears the expiry. */
function freed(member: MemberRecord, amount: number): MemberRecord {
  const held = member.held - amount;
  return { ...member, held, holdsExpireAt: held === 0 ? null : member.holdsExpireAt };
}

/**
 * Reserves credits for a member: they leave `remaining` until captured, released or expired.
 *
 * Pure: it reads and writes nothing.
 * Err: `not_found` (no active member), `insufficient_credits` (more than remaining), `validation`
 * (held would pass `Number.MAX_SAFE_INTEGER`; only a state stored past it can get there).
 *
 * @example
 * ```ts
 * const decision = decideReserve(member, { userId: 'bob', amount: 300, ttlSeconds: 900, description: 'Render' }, ctx);
 * ```
 */
export function decideReserve(
  current: MemberRecord | null,
  input: {
    userId: string;
    amount: number;
    ttlSeconds: number;
    description: string;
    metadata?: JournalEntry['metadata'] | undefined;
  },
  ctx: DecisionContext,
): DecisionResult<HoldResult> {
  const reservable = spendable(current, input.userId, input.amount).andThen((active) =>
    safeTotal('amount', "the member's held credits", active.held, input.amount).map((held) => ({
      active,
      held,
    })),
  );
  return reservable.map(({ active, held }) => {
    const hold: HoldRecord = {
      id: ctx.newId(),
      orgId: active.orgId,
      userId: active.userId,
      amount: input.amount,
      status: 'active',
      captured: null,
      description: input.description,
      metadata: input.metadata ?? null,
      createdAt: ctx.now,
      expiresAt: new Date(Date.parse(ctx.now) + input.ttlSeconds * 1000).toISOString(),
      settledAt: null,
    };
    const [member, entry] = memberEntry(
      { ...active, held, holdsExpireAt: earliest(active.holdsExpireAt, hold.expiresAt) },
      {
        type: 'hold',
        amount: -input.amount,
        description: input.description || 'Credits reserved',
        holdId: hold.id,
        metadata: hold.metadata,
      },
      ctx,
    );
    return {
      changes: { members: [member], holds: [hold], journal: [entry] },
      result: { hold, member: toMember(member) },
    };
  });
}

/** The entry and records of returning one active hold's credits to its member. */
function settle(
  member: MemberRecord,
  hold: HoldRecord,
  status: Exclude<HoldStatus, 'active'>,
  description: string,
  ctx: DecisionContext,
): [MemberRecord, HoldRecord, JournalEntry] {
  const [updated, entry] = memberEntry(
    freed(member, hold.amount),
    { type: 'hold_released', amount: hold.amount, description, holdId: hold.id },
    ctx,
  );
  return [updated, { ...hold, status, settledAt: ctx.now }, entry];
}

/** Checks the hold can be settled: it exists, belongs to an active member and is still active. */
function activeHold(
  hold: HoldRecord | null,
  member: MemberRecord | null,
  holdId: string,
): Result<{ hold: HoldRecord; member: MemberRecord }, AllotError> {
  if (!hold) return err(errors.notFound('hold', holdId));
  if (!member) return err(errors.notFound('member', hold.userId));
  if (hold.status !== 'active') return err(errors.holdNotActive(hold.status));
  return ok({ hold, member });
}

/**
 * Turns an active hold into usage: `amount` (≤ the hold, all of it by default) is used, the rest
 * returns to the member. Writes a `hold_released` entry then a `usage` entry carrying the hold id.
 *
 * Pure: it reads and writes nothing. Call it after {@link expireDueHolds}, with the hold re-read
 * under the member's lock.
 * Err: `not_found`, `hold_not_active`, `validation` (more than the hold, or used past
 * `Number.MAX_SAFE_INTEGER`).
 *
 * @example
 * ```ts
 * const decision = decideCapture(hold, member, { holdId, amount: 240, description: '' }, ctx);
 * ```
 */
export function decideCapture(
  current: HoldRecord | null,
  currentMember: MemberRecord | null,
  input: { holdId: string; amount?: number | undefined; description: string },
  ctx: DecisionContext,
): DecisionResult<CaptureResult> {
  return activeHold(current, currentMember, input.holdId).andThen(({ hold, member }) => {
    const amount = input.amount ?? hold.amount;
    if (amount > hold.amount) {
      return err(
        errors.validation(`The hold has ${hold.amount} credits; ${amount} were asked for.`, [
          { path: 'amount', message: `must be at most ${hold.amount}`, code: 'too_big' },
        ]),
      );
    }
    const [released, settled, releaseEntry] = settle(member, hold, 'captured', 'Hold captured', ctx);
    const total = safeTotal('amount', "the member's used credits", released.used, amount);
    if (total.isErr()) return err(total.error);
    const [used, usage] = memberEntry(
      { ...released, used: total.value },
      {
        type: 'usage',
        amount: -amount,
        description: input.description || hold.description,
        holdId: hold.id,
        metadata: hold.metadata,
      },
      ctx,
    );
    const captured: HoldRecord = { ...settled, captured: amount };
    return ok({
      changes: { members: [used], holds: [captured], journal: [releaseEntry, usage] },
      result: { hold: captured, usage, member: toMember(used) },
    });
  });
}

/**
 * Returns an active hold's credits to its member.
 *
 * Pure: it reads and writes nothing. Call it after {@link expireDueHolds}, with the hold re-read
 * under the member's lock.
 * Err: `not_found`, `hold_not_active`.
 *
 * @example
 * ```ts
 * const decision = decideRelease(hold, member, holdId, ctx);
 * ```
 */
export function decideRelease(
  current: HoldRecord | null,
  currentMember: MemberRecord | null,
  holdId: string,
  ctx: DecisionContext,
): DecisionResult<HoldResult> {
  return activeHold(current, currentMember, holdId).map(({ hold, member }) => {
    const [updated, released, entry] = settle(member, hold, 'released', 'Hold released', ctx);
    return {
      changes: { members: [updated], holds: [released], journal: [entry] },
      result: { hold: released, member: toMember(updated) },
    };
  });
}

/**
 * Settles every given active hold of one member with `status` (expiry, rollover, removal), as the
 * system. Returns the member after it and what to write.
 *
 * @example
 * ```ts
 * const { member, holds, journal } = releaseHolds(member, activeHolds, 'released', 'Released at rollover', ctx);
 * ```
 */
export function releaseHolds(
  member: MemberRecord,
  holds: readonly HoldRecord[],
  status: 'released' | 'expired',
  description: string,
  ctx: DecisionContext,
): { member: MemberRecord; holds: HoldRecord[]; journal: JournalEntry[] } {
  const system = { ...ctx, actor: 'system', idempotencyKey: undefined };
  const settled: HoldRecord[] = [];
  const journal: JournalEntry[] = [];
  let state = member;
  for (const hold of holds) {
    const [next, done, entry] = settle(state, hold, status, description, system);
    state = next;
    settled.push(done);
    journal.push(entry);
  }
  return { member: state, holds: settled, journal };
}

/**
 * Expires the member's active holds whose time is up (`expiresAt ≤ now`) and recomputes when the
 * next one lapses. `null` when none is due. `holds` are the member's active holds.
 *
 * Pure: it reads and writes nothing.
 *
 * @example
 * ```ts
 * const expired = expireDueHolds(member, await tx.listActiveHolds({ orgId, userId }), ctx);
 * if (expired) await tx.write(expired.changes);
 * ```
 */
export function expireDueHolds(
  member: MemberRecord,
  holds: readonly HoldRecord[],
  ctx: DecisionContext,
): {
  member: MemberRecord;
  changes: { members: MemberRecord[]; holds: HoldRecord[]; journal: JournalEntry[] };
} | null {
  const due = holds.filter((h) => h.expiresAt <= ctx.now);
  if (due.length === 0 && member.holdsExpireAt === nextExpiry(holds)) return null;
  const released = releaseHolds(member, due, 'expired', 'Hold expired', ctx);
  const updated = {
    ...released.member,
    holdsExpireAt: nextExpiry(holds.filter((h) => h.expiresAt > ctx.now)),
  };
  return {
    member: updated,
    changes: { members: [updated], holds: released.holds, journal: released.journal },
  };
}

function nextExpiry(holds: readonly HoldRecord[]): string | null {
  return holds.reduce<string | null>((first, h) => earliest(first, h.expiresAt), null);
}

/**
 * Adds credits to the current period's pool, journaled as an org-level `top_up` entry.
 *
 * Pure: it reads and writes nothing.
 * Err `validation` (on `amount`) when the pool (monthly pool + top-ups) would pass
 * `Number.MAX_SAFE_INTEGER`.
 *
 * @example
 * ```ts
 * const decision = decideTopUp(org, { amount: 2_000, reason: 'Launch week' }, ctx);
 * ```
 */
export function decideTopUp(
  org: OrganizationRecord,
  input: { amount: number; reason?: string | undefined },
  ctx: DecisionContext,
): DecisionResult<TopUpResult> {
  return safeTotal('amount', 'the pool', org.monthlyPool, org.topUps, input.amount).map(() => {
    const [organization, entry] = organizationEntry(
      { ...org, topUps: org.topUps + input.amount },
      {
        type: 'top_up',
        amount: input.amount,
        description: input.reason || `Pool topped up by ${input.amount}`,
      },
      ctx,
    );
    return {
      changes: { organization, journal: [entry] },
      result: { entry, topUps: organization.topUps, pool: poolOf(organization) },
    };
  });
}
