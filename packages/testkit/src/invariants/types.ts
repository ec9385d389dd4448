import type { JournalEntry } from '@allot/core';
import type { HoldRecord, MemberRecord, OrganizationRecord } from '@allot/core/port';

/**
 * One broken invariant: `rule` names it (stable, e.g. `member-chain-balance`), `detail` says
 * where and what was expected.
 *
 * @example
 * ```ts
 * const violations: InvariantViolation[] = await checkInvariants(store, orgId);
 * for (const v of violations) console.error(`${v.rule}: ${v.detail}`);
 * ```
 */
export interface InvariantViolation {
  rule: string;
  detail: string;
}

/**
 * What the caller saw, for the rules the store alone cannot know: writes that were acknowledged
 * must be in the journal, and commands whose every attempt was refused must have written nothing.
 *
 * @example
 * ```ts
 * await checkInvariants(store, orgId, {
 *   acknowledged: { entryIds: [usage.id], idempotencyKeys: ['order-42'] },
 *   rejectedKeys: ['order-43'],
 * });
 * ```
 */
export interface InvariantOptions {
  acknowledged?: {
    /** Ids of journal entries a successful call returned (a usage, a refund, an allocation…). */
    entryIds?: Iterable<string>;
    /**
     * Idempotency keys of calls that succeeded *and wrote entries* (a no-op such as assigning the
     * same total, or enrolling an existing member, writes none): each must be on an entry.
     */
    idempotencyKeys?: Iterable<string>;
  };
  /**
   * Idempotency keys of calls that never succeeded (each attempt was refused): no entry may
   * carry one. Only successes are remembered under a key, so a refused call wrote nothing.
   */
  rejectedKeys?: Iterable<string>;
}

/** Everything the checks look at, loaded through the public port. */
export interface Snapshot {
  org: OrganizationRecord;
  /** Every member, removed ones included. */
  members: MemberRecord[];
  /** Every journal entry of the organization. */
  journal: JournalEntry[];
  /** Every hold of the organization, newest first (`listHolds`). */
  holds: HoldRecord[];
  /** The organization's active holds as `listActiveHolds` returns them (by expiry). */
  activeHolds: HoldRecord[];
}

/** Collects violations. */
export type Report = (rule: string, detail: string) => void;
