import type { Cursor } from './cursor';
import type { LedgerFilter } from './schemas/queries';
import type { JournalEntry, Summary } from './schemas/records';

/**
 * Whether an entry matches a ledger filter: same user, one of the types, `from` ≤ time < `to`.
 * SQL adapters express the same rule in their WHERE clause.
 *
 * @example
 * ```ts
 * matchesLedgerFilter(entry, { userId: 'bob', type: ['usage'], from: '2026-11-01T00:00:00.000Z' });
 * ```
 */
export function matchesLedgerFilter(entry: JournalEntry, filter: LedgerFilter): boolean {
  if (filter.userId !== undefined && entry.userId !== filter.userId) return false;
  if (filter.type !== undefined && !filter.type.includes(entry.type)) return false;
  if (filter.from !== undefined && entry.at < filter.from) return false;
  if (filter.to !== undefined && entry.at >= filter.to) return false;
  return true;
}

/**
 * Sort order of every list: newest first, ties broken by id (descending).
 *
 * @example
 * ```ts
 * entries.sort(compareNewestFirst); // newest first, ties broken by id
 * ```
 */
export function compareNewestFirst(a: { at: string; id: string }, b: { at: string; id: string }): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * True when `item` comes strictly after `cursor` in newest-first order.
 *
 * @example
 * ```ts
 * const page = entries.filter((e) => isAfterCursor(e, cursor)).slice(0, limit);
 * ```
 */
export function isAfterCursor(item: { at: string; id: string }, cursor: Cursor | undefined): boolean {
  return cursor === undefined || compareNewestFirst(item, cursor) > 0;
}

/**
 * Adds one entry to a running summary (usage, allocated, revoked and refunded are positive totals).
 *
 * @example
 * ```ts
 * const summary = entries.reduce(addToSummary, EMPTY_SUMMARY);
 * summary.usage; // credits used, as a positive number
 * ```
 */
export function addToSummary(summary: Summary, entry: Pick<JournalEntry, 'type' | 'amount'>): Summary {
  switch (entry.type) {
    case 'usage':
      return { ...summary, usage: summary.usage - entry.amount };
    case 'allocation':
      return { ...summary, allocated: summary.allocated + entry.amount };
    case 'revocation':
      return { ...summary, revoked: summary.revoked - entry.amount };
    case 'refund':
      return { ...summary, refunded: summary.refunded + entry.amount };
    default:
      return summary;
  }
}

/**
 * A summary with every total at zero: the start of {@link addToSummary}. Frozen.
 *
 * @example
 * ```ts
 * const totals = entries.reduce(addToSummary, EMPTY_SUMMARY);
 * ```
 */
export const EMPTY_SUMMARY: Summary = Object.freeze({ usage: 0, allocated: 0, revoked: 0, refunded: 0 });
