import type { CommitOutcomeUnknown } from './commit-outcome';
import type { Cursor } from './cursor';
import type { AllotEvent } from './schemas/events';
import type { Hold, HoldStatus } from './schemas/holds';
import type { LedgerFilter } from './schemas/queries';
import type {
  CreditRequest,
  JournalEntry,
  Member,
  MemberAlertThreshold,
  Organization,
  PoolAlertThreshold,
  RequestStatus,
  Summary,
} from './schemas/records';

/**
 * An organization's settings plus its pool state for the current billing period (the "pool row").
 *
 * @example
 * ```ts
 * const org = await store.getOrganization({ orgId: 'acme' });
 * if (org) console.log(org.monthlyPool - org.allocated, 'credits unallocated until', org.periodEnd);
 * ```
 */
export interface OrganizationRecord extends Organization {
  /** Σ member allocations this period. */
  allocated: number;
  /** Credits added to this period's pool by top-ups (back to 0 at rollover). */
  topUps: number;
  /** This period's pool alerts: which fired and whether they cleared since. */
  alerts: AlertStates<PoolAlertThreshold>;
  periodStart: string;
  periodEnd: string;
  /** Last sequence number of the organization's own journal chain. */
  seq: number;
  /** Hash of the last entry of the organization's own chain (`''` before the first). */
  lastHash: string;
}

/**
 * A member as stored: {@link Member} without the derived `remaining`, plus its journal chain position.
 *
 * @example
 * ```ts
 * const member = await tx.lockMember({ orgId: 'acme', userId: 'bob' });
 * if (member) console.log(member.allocated - member.used, 'credits remaining');
 * ```
 */
export interface MemberRecord extends Omit<Member, 'remaining' | 'alerts'> {
  /** The earliest `expiresAt` of the member's active holds; null without any. */
  holdsExpireAt: string | null;
  /** This period's low-credit alerts: which fired and whether they cleared since. */
  alerts: AlertStates<MemberAlertThreshold>;
  /** Last sequence number of this member's journal chain. */
  seq: number;
  /** Hash of the last entry of this member's chain (`''` before the first). */
  lastHash: string;
}

/**
 * Per threshold, this period: `active` (fired, still breached) or `cleared` (fired, then
 * recovered; it does not fire again until the next period). Absent: not fired this period.
 *
 * @example
 * ```ts
 * const states: AlertStates<PoolAlertThreshold> = { yellow: 'cleared', red: 'active' };
 * ```
 */
export type AlertStates<T extends string> = Partial<Record<T, 'active' | 'cleared'>>;

/**
 * A hold as stored (the same shape as {@link Hold}). A hold only changes while its member's row
 * is locked, so the member lock guards it too.
 *
 * @example
 * ```ts
 * const hold = await tx.getHold({ orgId: 'acme', holdId });
 * if (hold?.status === 'active') console.log(hold.amount, 'credits reserved until', hold.expiresAt);
 * ```
 */
export type HoldRecord = Hold;

/**
 * An event waiting in the outbox, as a dispatcher claimed it.
 *
 * @example
 * ```ts
 * const claimed: OutboxEvent[] = await store.claimEvents({ now, leaseUntil, limit: 100 });
 * for (const { event, attempts } of claimed) console.log(event.id, event.type, attempts);
 * await store.completeEvents({ refs: claimed.map((c) => c.ref) });
 * ```
 */
export interface OutboxEvent {
  event: AllotEvent;
  /** Deliveries tried so far, counting this claim. */
  attempts: number;
  /**
   * The store's handle on this outbox row, passed back to `completeEvents` and `retryEvent`. It
   * must never name a newer row (a dispatcher whose lease ran out may complete late); the SQL
   * stores use `position:eventId`, so their outbox needs no index on event ids.
   */
  ref: string;
}

/**
 * A credit request as stored (the same shape as {@link CreditRequest}).
 *
 * @example
 * ```ts
 * const request = await tx.lockRequest({ orgId: 'acme', requestId });
 * if (request?.status === 'pending') console.log(request.amount, 'credits asked');
 * ```
 */
export type RequestRecord = CreditRequest;

/**
 * The first successful result stored under an idempotency key.
 *
 * @example
 * ```ts
 * const seen = await tx.lockIdempotencyKey({ orgId: 'acme', key: 'job-42' });
 * if (seen) return seen.result; // a retry: replay the first answer
 * ```
 */
export interface IdempotencyRecord {
  orgId: string;
  key: string;
  /** Canonical JSON of the command that used the key. */
  fingerprint: string;
  /** The JSON result returned to the first caller and replayed to every retry. */
  result: unknown;
  createdAt: string;
}

/**
 * A closed billing period's figures, written at rollover.
 *
 * @example
 * ```ts
 * const closed: PeriodRecord = {
 *   orgId: 'acme', start: '2026-10-01T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z',
 *   monthlyPool: 10_000, allocated: 8_000, used: 6_420,
 * };
 * ```
 */
export interface PeriodRecord {
  orgId: string;
  start: string;
  end: string;
  monthlyPool: number;
  topUps: number;
  allocated: number;
  used: number;
}

/**
 * Everything one command writes, applied atomically by {@link StoreTransaction.write}.
 * Records are written whole (upsert); journal entries are appended.
 *
 * @example
 * ```ts
 * await tx.write({ members: [member], journal: [entry] }); // all or nothing
 * ```
 */
export interface ChangeSet {
  organization?: OrganizationRecord;
  period?: PeriodRecord;
  members?: MemberRecord[];
  requests?: RequestRecord[];
  holds?: HoldRecord[];
  journal?: JournalEntry[];
  /** Appended to the outbox, delivered to subscribers after commit. */
  events?: AllotEvent[];
  /**
   * The idempotency record of the command, or one per key a batch used (`consumeMany`: one per
   * event that succeeded). Read it with {@link idempotencyRecordsOf}.
   */
  idempotency?: IdempotencyRecord | IdempotencyRecord[];
}

/**
 * The idempotency records of a change set as a list (none, the command's one, or a batch's).
 *
 * @example
 * ```ts
 * for (const record of idempotencyRecordsOf(changes)) keys.set(`${record.orgId}:${record.key}`, record);
 * ```
 */
export function idempotencyRecordsOf(changes: ChangeSet): IdempotencyRecord[] {
  const { idempotency } = changes;
  if (idempotency === undefined) return [];
  return Array.isArray(idempotency) ? idempotency : [idempotency];
}

/**
 * Reads that need no lock; every method is scoped by `orgId` (tenant isolation).
 *
 * @example
 * ```ts
 * const member = await store.getMember({ orgId: 'acme', userId: 'bob' }); // null when absent
 * ```
 */
export interface StoreReader {
  getOrganization(args: { orgId: string }): Promise<OrganizationRecord | null>;
  /** The organization that claims `domain` (lower-case, exact match). */
  findOrganizationByDomain(args: { domain: string }): Promise<OrganizationRecord | null>;
  getMember(args: { orgId: string; userId: string }): Promise<MemberRecord | null>;
  getRequest(args: { orgId: string; requestId: string }): Promise<RequestRecord | null>;
  getJournalEntry(args: { orgId: string; entryId: string }): Promise<JournalEntry | null>;
  /** Σ of `refund` entries that reference `usageId`. */
  sumRefunds(args: { orgId: string; usageId: string }): Promise<number>;
  /** Active members with role `admin`. */
  countAdmins(args: { orgId: string }): Promise<number>;
  getHold(args: { orgId: string; holdId: string }): Promise<HoldRecord | null>;
  /** Active holds of one member, or of every member when `userId` is omitted, by `expiresAt`. */
  listActiveHolds(args: { orgId: string; userId?: string }): Promise<HoldRecord[]>;
}

/**
 * The {@link StoreReader} methods of an `AllotStore`, each forwarding to `reader` (typically a
 * transaction-less reader the adapter already has), so an adapter spreads them instead of
 * writing the nine forwarders out.
 *
 * @example
 * ```ts
 * const store: AllotStore = { ...storeReaderOf(reader), transaction, listMembers, ... };
 * ```
 */
export function storeReaderOf(reader: StoreReader): StoreReader {
  return {
    getOrganization: (args) => reader.getOrganization(args),
    findOrganizationByDomain: (args) => reader.findOrganizationByDomain(args),
    getMember: (args) => reader.getMember(args),
    getRequest: (args) => reader.getRequest(args),
    getJournalEntry: (args) => reader.getJournalEntry(args),
    sumRefunds: (args) => reader.sumRefunds(args),
    countAdmins: (args) => reader.countAdmins(args),
    getHold: (args) => reader.getHold(args),
    listActiveHolds: (args) => reader.listActiveHolds(args),
  };
}

/**
 * One store transaction. The `lock*` methods read a row and hold a write lock on it until the
 * transaction ends, so concurrent transactions touching the same row run one after another.
 *
 * Implementations MUST:
 * - lock exactly the row asked for (an org's pool row, one member, one request, one
 *   idempotency key) and nothing wider, so usage by different members never waits on an
 *   org-wide lock;
 * - make reads inside the transaction see its own writes;
 * - apply a {@link ChangeSet} all or nothing, and discard everything if the callback throws.
 *
 * The service always locks in the order idempotency key(s) → organization → member(s) →
 * request(s), several keys or members each in one fixed order (`compareIds`);
 * a hold or a request is only written while its member is locked (a command that starts from a
 * request reads it unlocked to find its member, locks the member, then locks the request). So no
 * two commands deadlock.
 *
 * @example
 * ```ts
 * await store.transaction(async (tx) => {
 *   const member = await tx.lockMember({ orgId: 'acme', userId: 'bob' }); // held until the end
 *   if (member) await tx.write({ members: [{ ...member, used: member.used + 5 }] });
 * });
 * ```
 */
export interface StoreTransaction extends StoreReader {
  lockIdempotencyKey(args: { orgId: string; key: string }): Promise<IdempotencyRecord | null>;
  /**
   * Locks several idempotency keys of one scope as {@link lockIdempotencyKey} locks one, and
   * returns each key's record (null when unused), in the order of `keys`. Implementations MUST
   * take the locks in the order given (the service passes distinct keys sorted by
   * `compareIds`, so batches sharing keys never wait on each other in a cycle); they may
   * send them, and the reads, in one round trip.
   */
  lockIdempotencyKeys(args: {
    orgId: string;
    keys: readonly string[];
  }): Promise<(IdempotencyRecord | null)[]>;
  lockOrganization(args: { orgId: string }): Promise<OrganizationRecord | null>;
  lockRequest(args: { orgId: string; requestId: string }): Promise<RequestRecord | null>;
  /** Locks one member's pending requests, ordered by `id`. The service holds that member's lock. */
  lockPendingRequests(args: { orgId: string; userId: string }): Promise<RequestRecord[]>;
  lockMember(args: { orgId: string; userId: string }): Promise<MemberRecord | null>;
  /** Locks every member of the organization (removed ones too), ordered by `userId` (`compareIds`: code points). */
  lockAllMembers(args: { orgId: string }): Promise<MemberRecord[]>;
  write(changes: ChangeSet): Promise<void>;
}

/**
 * Arguments of {@link AllotStore.listMembers}: one page of an organization's members, by name.
 *
 * @example
 * ```ts
 * await store.listMembers({ orgId: 'acme', search: 'ada', includeRemoved: false, limit: 20, offset: 0 });
 * ```
 */
export interface ListMembersArgs {
  orgId: string;
  /** Case-insensitive substring of name or email. */
  search?: string;
  includeRemoved: boolean;
  limit: number;
  offset: number;
}

/**
 * Arguments of {@link AllotStore.listRequests}: one page of requests, newest first.
 *
 * @example
 * ```ts
 * await store.listRequests({ orgId: 'acme', status: 'pending', limit: 50 });
 * ```
 */
export interface ListRequestsArgs {
  orgId: string;
  status?: RequestStatus;
  userId?: string;
  /** Only requests strictly older than this position (newest first). */
  after?: Cursor;
  limit: number;
}

/**
 * Arguments of {@link AllotStore.listHolds}: one page of holds, newest first.
 *
 * @example
 * ```ts
 * await store.listHolds({ orgId: 'acme', status: 'active', userId: 'bob', limit: 50 });
 * ```
 */
export interface ListHoldsArgs {
  orgId: string;
  status?: HoldStatus;
  userId?: string;
  /** Only holds strictly older than this position (`createdAt` desc, then `id` desc). */
  after?: Cursor;
  limit: number;
}

/**
 * Arguments of {@link AllotStore.listJournal}: one page of journal entries, newest first.
 *
 * @example
 * ```ts
 * await store.listJournal({ orgId: 'acme', filter: { type: ['usage'] }, after: cursor, limit: 100 });
 * ```
 */
export interface ListJournalArgs {
  orgId: string;
  filter: LedgerFilter;
  /** Only entries strictly older than this position (newest first, ties broken by id). */
  after?: Cursor;
  limit: number;
}

/**
 * A position in the journal's chain order: the chain (a member's `userId`, or null for the
 * organization's own), then `seq`, then `id`.
 *
 * @example
 * ```ts
 * const after: ChainPosition = { userId: 'bob', seq: 12, id: last.id };
 * ```
 */
export interface ChainPosition {
  userId: string | null;
  seq: number;
  id: string;
}

/**
 * Arguments of {@link AllotStore.listJournalChains}: one page of the journal in chain order.
 *
 * @example
 * ```ts
 * await store.listJournalChains({ orgId: 'acme', userId: 'bob', limit: 500 }); // bob's chain from seq 1
 * await store.listJournalChains({ orgId: 'acme', after: { userId: 'bob', seq: 12, id }, limit: 500 }); // every member chain, on from there
 * ```
 */
export interface ListJournalChainsArgs {
  orgId: string;
  /**
   * A member's `userId`: only that member's chain; `null`: only the organization's own chain
   * (entries without a user); omitted: every member's chain (not the organization's).
   */
  userId?: string | null;
  /** Only entries strictly after this position in chain order. */
  after?: ChainPosition;
  limit: number;
}

/**
 * The storage port every adapter implements (`@allot/memory`, `@allot/sqlite`,
 * `@allot/postgres`, or your own: run `@allot/testkit` against it).
 *
 * Adapters store and load; they never decide a business rule.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from '@allot/memory';
 *
 * const store: AllotStore = createMemoryStore(); // or createSqliteStore(…), createPostgresStore(…), yours
 * const allot = createAllot({ store });
 * ```
 */
export interface AllotStore extends StoreReader {
  /**
   * Runs `fn` in one transaction and commits when it resolves. If `fn` throws, everything is
   * rolled back and the error is rethrown unchanged. Adapters may retry `fn` on transient
   * serialization failures or deadlocks. A transaction that fails MUST have written nothing,
   * except that when COMMIT was sent and no answer came it throws {@link CommitOutcomeUnknown}.
   */
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /**
   * Set by stores whose COMMIT can fail without saying whether it took effect (a database over a
   * network). The service then gives every command an idempotency record — one under an internal
   * key when the caller gave none — and, after a {@link CommitOutcomeUnknown}, runs the command
   * again under the same key: the record's lock waits for the first attempt to finish on the
   * server, then replays its result if it committed, or runs it once if it did not.
   */
  readonly uncertainCommits?: boolean;
  listMembers(args: ListMembersArgs): Promise<{ items: MemberRecord[]; total: number }>;
  /**
   * Σ used and Σ held over all members, and the number of active members. `consistent`: the
   * caller decides on the figures (the pool alerts after a commit), so a store that answers some
   * reads from a replica must answer this one where commits land.
   */
  memberTotals(args: {
    orgId: string;
    consistent?: boolean;
  }): Promise<{ used: number; held: number; activeMembers: number }>;
  countRequests(args: { orgId: string; status: RequestStatus }): Promise<number>;
  /** Requests newest first (`createdAt` desc, then `id` desc). */
  listRequests(args: ListRequestsArgs): Promise<RequestRecord[]>;
  /** Holds newest first (`createdAt` desc, then `id` desc). */
  listHolds(args: ListHoldsArgs): Promise<HoldRecord[]>;
  /** Journal entries newest first (`at` desc, then `id` desc). */
  listJournal(args: ListJournalArgs): Promise<JournalEntry[]>;
  summarizeJournal(args: { orgId: string; filter: LedgerFilter }): Promise<Summary>;
  /** Every entry matching the filter, newest first, in constant memory. */
  streamJournal(args: { orgId: string; filter: LedgerFilter }): AsyncIterable<JournalEntry>;
  /**
   * Up to `limit` journal entries in chain order: by `userId` (compared by Unicode code point,
   * as bytes in SQL), then `seq`, then `id`, all ascending; strictly after `after` when given.
   * Used by `verifyJournal` to read the journal chain by chain in constant memory.
   *
   * Implementations MUST return the entries exactly as stored (no repair, no dedupe: a gap or a
   * repeated `seq` is what verification looks for), MUST order by `seq` and not by time, MUST
   * return fewer than `limit` only when no more entries follow. Within one chain (`userId`
   * given), `after` is a position in that chain.
   */
  listJournalChains(args: ListJournalChainsArgs): Promise<JournalEntry[]>;
  /**
   * Up to `limit` members (removed ones too) by `userId` ascending (code point order), strictly
   * after `after` when given. Implementations MUST NOT skip or repeat a member across pages.
   */
  listMemberRecords(args: { orgId: string; after?: string; limit: number }): Promise<MemberRecord[]>;
  /**
   * Claims up to `limit` outbox events that are due (`availableAt ≤ now`), oldest first, by
   * making them due again only at `leaseUntil` and counting the attempt. Concurrent claimers
   * never get the same event until its lease ends.
   */
  claimEvents(args: { now: string; leaseUntil: string; limit: number }): Promise<OutboxEvent[]>;
  /** Removes delivered events (by the `ref` their claim returned) from the outbox. */
  completeEvents(args: { refs: string[] }): Promise<void>;
  /** Makes a claimed event (by its claim's `ref`) due again at `availableAt` after a failed delivery. */
  retryEvent(args: { ref: string; availableAt: string; error: string }): Promise<void>;
  /** Releases connections or handles the store opened itself. */
  close?(): Promise<void>;
}

/**
 * Thrown by an adapter's `write` when a unique rule (such as a claimed email domain) is broken.
 *
 * @example
 * ```ts
 * await tx.write(changes).catch((error) => {
 *   if (isUniqueViolation(error)) throw new StoreConflict('acme.com belongs to another organization.');
 *   throw error;
 * });
 * ```
 */
export class StoreConflict extends Error {
  readonly allotStoreConflict = true;
}

/**
 * True for a {@link StoreConflict}, also across duplicated installs.
 *
 * @example
 * ```ts
 * if (isStoreConflict(error)) return errors.conflict(error.message);
 * ```
 */
export function isStoreConflict(error: unknown): error is StoreConflict {
  return typeof error === 'object' && error !== null && (error as StoreConflict).allotStoreConflict === true;
}
