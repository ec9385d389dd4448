import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { fingerprint } from './fingerprint';
import type { JournalEntry } from './schemas/records';

/**
 * The `prevHash` of the first entry of every chain.
 *
 * @example
 * ```ts
 * hashEntry(firstEntry, GENESIS_HASH) === firstEntry.hash; // true for an intact chain
 * ```
 */
export const GENESIS_HASH = '';

/**
 * A host secret that makes the journal's chain HMAC-SHA-256 instead of plain SHA-256, so that
 * nobody without it can recompute the hashes after an edit. Text is taken as its UTF-8 bytes; it
 * must be at least 16 bytes (32 random bytes recommended).
 *
 * @example
 * ```ts
 * const key: JournalKey = process.env.ALLOT_JOURNAL_KEY!; // or a Uint8Array
 * const allot = createAllot({ store, journalKey: key });
 * ```
 */
export type JournalKey = string | Uint8Array;

/** The fewest bytes a {@link JournalKey} may have. */
export const MIN_JOURNAL_KEY_BYTES = 16;

/**
 * A {@link JournalKey} as bytes, or an error message when it is too short.
 *
 * @example
 * ```ts
 * const bytes = journalKeyBytes('a host secret of 32+ characters…');
 * if (typeof bytes === 'string') throw new TypeError(bytes);
 * ```
 */
export function journalKeyBytes(key: JournalKey): Uint8Array | string {
  const bytes = typeof key === 'string' ? utf8ToBytes(key) : key;
  if (!(bytes instanceof Uint8Array) || bytes.length < MIN_JOURNAL_KEY_BYTES) {
    return `journalKey must be at least ${MIN_JOURNAL_KEY_BYTES} bytes.`;
  }
  return bytes;
}

/** SHA-256, or HMAC-SHA-256 under `key`, of `text` as lower-case hex. */
export function digestHex(text: string, key?: Uint8Array): string {
  const bytes = utf8ToBytes(text);
  return bytesToHex(key ? hmac(sha256, key, bytes) : sha256(bytes));
}

/**
 * The hash of a journal entry: SHA-256 (hex) over the previous entry's hash in the same chain and
 * the canonical JSON of every field but `hash`; HMAC-SHA-256 with that input when the journal
 * has a key (see {@link JournalKey}). Each member's entries form one chain, the organization's
 * own entries another, so chaining adds no org-wide contention to usage.
 *
 * @example
 * ```ts
 * const hash = hashEntry(entryWithoutHash, previous?.hash ?? GENESIS_HASH);
 * const keyed = hashEntry(entryWithoutHash, previous?.hash ?? GENESIS_HASH, keyBytes);
 * ```
 */
export function hashEntry(entry: Omit<JournalEntry, 'hash'>, prevHash: string, key?: Uint8Array): string {
  const { hash: _ignored, holdId, ...content } = entry as JournalEntry;
  // Entries without a hold hash as they did before holds existed, so older chains still verify.
  const hashed = holdId === null || holdId === undefined ? content : { ...content, holdId };
  return digestHex(`${prevHash}\n${fingerprint(hashed)}`, key);
}

/**
 * How a chain breaks:
 * - `hash_mismatch`: the entry's hash does not fit its content and its predecessor (edited,
 *   forged, or hashed under another key);
 * - `unkeyed_entry`: the journal has a key but the entry carries a plain SHA-256 hash (written
 *   without the key, or rehashed by someone who does not have it);
 * - `sequence_gap`: entries are missing before this one (its `seq` skips positions);
 * - `duplicate_seq`: a second entry at a position already taken (inserted or reordered);
 * - `missing_tail`: the account record says the chain is longer than it is (entries cut off);
 * - `head_mismatch`: the record's `lastHash` is not the hash of the entry at the record's `seq`;
 * - `balance_mismatch`: the member record's remaining (allocated − used − held) is not the
 *   `balanceAfter` of the entry at its `seq` (the row was edited behind the journal);
 * - `unknown_account`: entries of a member the organization does not have;
 * - `rolled_back`: a saved head has this chain longer than it is now (truncated, the record
 *   rolled back with it);
 * - `rewritten`: the entry at a saved head's position has another hash now (rewritten and
 *   rehashed since the head was saved).
 *
 * @example
 * ```ts
 * const reason: ChainBreakReason = 'hash_mismatch';
 * ```
 */
export type ChainBreakReason =
  | 'hash_mismatch'
  | 'unkeyed_entry'
  | 'sequence_gap'
  | 'duplicate_seq'
  | 'missing_tail'
  | 'head_mismatch'
  | 'balance_mismatch'
  | 'unknown_account'
  | 'rolled_back'
  | 'rewritten';

/**
 * Where a journal chain breaks.
 *
 * @example
 * ```ts
 * const broken: ChainBreak = {
 *   entryId: 'e-7', userId: 'bob', seq: 7, reason: 'hash_mismatch',
 *   message: "bob's entry e-7 (seq 7): its hash does not match its content and its predecessor",
 * };
 * ```
 */
export interface ChainBreak {
  /** The entry whose hash or position does not fit, or null when the break is not one entry (entries missing at the end). */
  entryId: string | null;
  /** The member whose chain breaks, or null for the organization's own chain. */
  userId: string | null;
  /** The position in the chain where the break shows. */
  seq: number;
  reason: ChainBreakReason;
  /** What is wrong, for a person. */
  message: string;
}

/**
 * An account's chain head as its record knows it (the member's or the organization's `seq` and
 * `lastHash`); for a member, `remaining` (allocated − used − held) is checked against the
 * `balanceAfter` of the entry at `seq`.
 *
 * @example
 * ```ts
 * const head: ChainHead = { userId: member.userId, seq: member.seq, lastHash: member.lastHash };
 * ```
 */
export interface ChainHead {
  userId: string | null;
  seq: number;
  lastHash: string;
  /** The member's remaining credits as the record says; omitted: not checked. */
  remaining?: number;
}

/**
 * What {@link Allot.verifyJournal} answers: the journal is intact, or every break found.
 * `broken` is the first of `breaks` (what the first version of this answer carried).
 *
 * @example
 * ```ts
 * const v: JournalVerification = { ok: true, entries: 42, chains: 3 };
 * if (!v.ok) for (const b of v.breaks) console.error(b.message);
 * ```
 */
export type JournalVerification =
  | { ok: true; entries: number; chains: number }
  | {
      ok: false;
      entries: number;
      chains: number;
      /** Every break, in chain order (the organization's chain first, then members by `userId`), up to `maxBreaks`. */
      breaks: ChainBreak[];
      /** True when there were more than `maxBreaks` and the rest are not listed. */
      truncated: boolean;
      /** The first break (`breaks[0]`). */
      broken: ChainBreak;
    };
