import type { JournalEntry, MemberRecord, OrganizationRecord } from '@allot/core';

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

/** Everything the checks look at, loaded through the public port. */
export interface Snapshot {
  org: OrganizationRecord;
  /** Every member, removed ones included. */
  members: MemberRecord[];
  /** Every journal entry of the organization. */
  journal: JournalEntry[];
}

/** Collects violations. */
export type Report = (rule: string, detail: string) => void;
