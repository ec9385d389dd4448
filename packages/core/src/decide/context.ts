import { GENESIS_HASH, hashEntry } from '../journal-chain';
import type { AlertStates, MemberRecord, OrganizationRecord } from '../port';
import type { Role } from '../schemas/primitives';
import type { EventType, JournalEntry, Member } from '../schemas/records';

/**
 * What a decision needs besides state: the time, an id source and who is acting.
 *
 * @example
 * ```ts
 * const ctx: DecisionContext = {
 *   now: new Date().toISOString(),
 *   newId: createIdGenerator(),
 *   actor: 'user:ada',
 *   idempotencyKey: 'assign-bob-1',
 * };
 * ```
 */
export interface DecisionContext {
  /** Now, as an ISO UTC string. */
  now: string;
  newId: () => string;
  /** The actor as written in the journal (`user:<id>` or `system`). */
  actor: string;
  idempotencyKey?: string | undefined;
  /** The journal's HMAC key as bytes: entries are hashed with HMAC-SHA-256 under it. */
  journalKey?: Uint8Array | undefined;
}

export interface EntryFields {
  type: EventType;
  amount: number;
  description: string;
  requestId?: string | null;
  usageId?: string | null;
  holdId?: string | null;
  metadata?: JournalEntry['metadata'];
}

/**
 * A member's remaining credits: allocated − used − held.
 *
 * @example
 * ```ts
 * remainingOf({ allocated: 3_000, used: 120, held: 300 }); // 2580
 * ```
 */
export function remainingOf(member: Pick<MemberRecord, 'allocated' | 'used' | 'held'>): number {
  return member.allocated - member.used - member.held;
}

/**
 * This period's pool: the monthly pool plus top-ups.
 *
 * @example
 * ```ts
 * poolOf({ monthlyPool: 10_000, topUps: 2_000 }); // 12000
 * ```
 */
export function poolOf(org: Pick<OrganizationRecord, 'monthlyPool' | 'topUps'>): number {
  return org.monthlyPool + org.topUps;
}

/**
 * Credits of this period's pool not allocated to any member.
 *
 * @example
 * ```ts
 * unallocatedOf({ monthlyPool: 10_000, topUps: 0, allocated: 8_000 }); // 2000
 * ```
 */
export function unallocatedOf(org: Pick<OrganizationRecord, 'monthlyPool' | 'topUps' | 'allocated'>): number {
  return poolOf(org) - org.allocated;
}

/**
 * The public view of a stored member.
 *
 * @example
 * ```ts
 * const record = await store.getMember({ orgId, userId: 'bob' });
 * if (record) toMember(record).remaining; // allocated − used
 * ```
 */
export function toMember(record: MemberRecord): Member {
  const { seq: _seq, lastHash: _hash, holdsExpireAt: _expiry, alerts, ...rest } = record;
  return { ...rest, remaining: remainingOf(record), alerts: activeAlerts(alerts) };
}

/**
 * A member joining now: active, nothing allocated, used or held, no alerts, an empty chain.
 * Journal its enrollment with {@link memberEntry}.
 *
 * @example
 * ```ts
 * const bob = newMemberRecord({ orgId: 'acme', userId: 'bob', email: 'bob@acme.com', name: 'Bob', role: 'member' }, ctx);
 * ```
 */
export function newMemberRecord(
  who: { orgId: string; userId: string; email: string; name: string; role: Role },
  ctx: Pick<DecisionContext, 'now'>,
): MemberRecord {
  return {
    ...who,
    status: 'active',
    allocated: 0,
    used: 0,
    held: 0,
    holdsExpireAt: null,
    alerts: {},
    seq: 0,
    lastHash: GENESIS_HASH,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

/**
 * The thresholds whose alert is firing now.
 *
 * @example
 * ```ts
 * activeAlerts({ yellow: 'cleared', red: 'active' }); // ['red']
 * ```
 */
export function activeAlerts<T extends string>(states: AlertStates<T>): T[] {
  return (Object.keys(states) as T[]).filter((t) => states[t] === 'active').sort();
}

/** Where an entry goes: its organization, member (null for org-level) and chain head. */
interface ChainPosition {
  orgId: string;
  userId: string | null;
  balanceAfter: number | null;
  seq: number;
  lastHash: string;
}

/** The next entry of a chain, hashed on the chain's head. */
function chainedEntry(at: ChainPosition, fields: EntryFields, ctx: DecisionContext): JournalEntry {
  const content: Omit<JournalEntry, 'hash'> = {
    id: ctx.newId(),
    orgId: at.orgId,
    seq: at.seq + 1,
    at: ctx.now,
    userId: at.userId,
    type: fields.type,
    amount: fields.amount,
    balanceAfter: at.balanceAfter,
    description: fields.description,
    actor: ctx.actor,
    requestId: fields.requestId ?? null,
    usageId: fields.usageId ?? null,
    holdId: fields.holdId ?? null,
    idempotencyKey: ctx.idempotencyKey ?? null,
    metadata: fields.metadata ?? null,
  };
  return { ...content, hash: hashEntry(content, at.lastHash, ctx.journalKey) };
}

/**
 * Appends an entry to a member's chain. `member` is the state *after* the change, so the entry's
 * `balanceAfter` is its remaining; returns the member with its chain position advanced.
 */
export function memberEntry(
  member: MemberRecord,
  fields: EntryFields,
  ctx: DecisionContext,
): [MemberRecord, JournalEntry] {
  const entry = chainedEntry({ ...member, balanceAfter: remainingOf(member) }, fields, ctx);
  return [{ ...member, seq: entry.seq, lastHash: entry.hash, updatedAt: ctx.now }, entry];
}

/**
 * Appends an org-level entry (no member, no balance) to the organization's chain; its amount is
 * 0 except for a `top_up`.
 */
export function organizationEntry(
  org: OrganizationRecord,
  fields: Pick<EntryFields, 'type' | 'description'> & { amount?: number },
  ctx: DecisionContext,
): [OrganizationRecord, JournalEntry] {
  const entry = chainedEntry(
    { orgId: org.id, userId: null, balanceAfter: null, seq: org.seq, lastHash: org.lastHash },
    { ...fields, amount: fields.amount ?? 0 },
    ctx,
  );
  return [{ ...org, seq: entry.seq, lastHash: entry.hash, updatedAt: ctx.now }, entry];
}
