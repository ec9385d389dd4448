import { hashEntry } from '../journal-chain';
import type { MemberRecord, OrganizationRecord } from '../port';
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
}

export interface EntryFields {
  type: EventType;
  amount: number;
  description: string;
  requestId?: string | null;
  usageId?: string | null;
  metadata?: JournalEntry['metadata'];
}

/**
 * A member's remaining credits.
 *
 * @example
 * ```ts
 * remainingOf({ allocated: 3_000, used: 120 }); // 2880
 * ```
 */
export function remainingOf(member: Pick<MemberRecord, 'allocated' | 'used'>): number {
  return member.allocated - member.used;
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
  const { seq: _seq, lastHash: _hash, ...rest } = record;
  return { ...rest, remaining: remainingOf(record) };
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
    idempotencyKey: ctx.idempotencyKey ?? null,
    metadata: fields.metadata ?? null,
  };
  return { ...content, hash: hashEntry(content, at.lastHash) };
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

/** Appends an org-level entry (no member, no balance, no credits) to the organization's chain. */
export function organizationEntry(
  org: OrganizationRecord,
  fields: Pick<EntryFields, 'type' | 'description'>,
  ctx: DecisionContext,
): [OrganizationRecord, JournalEntry] {
  const entry = chainedEntry(
    { orgId: org.id, userId: null, balanceAfter: null, seq: org.seq, lastHash: org.lastHash },
    { ...fields, amount: 0 },
    ctx,
  );
  return [{ ...org, seq: entry.seq, lastHash: entry.hash, updatedAt: ctx.now }, entry];
}
