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
 * The hash of a journal entry: SHA-256 (hex) over the previous entry's hash in the same chain and
 * the canonical JSON of every field but `hash`. Each member's entries form one chain, the
 * organization's own entries another, so chaining adds no org-wide contention to usage.
 *
 * @example
 * ```ts
 * const hash = hashEntry(entryWithoutHash, previous?.hash ?? GENESIS_HASH);
 * ```
 */
export function hashEntry(entry: Omit<JournalEntry, 'hash'>, prevHash: string): string {
  const { hash: _ignored, holdId, ...content } = entry as JournalEntry;
  // Entries without a hold hash as they did before holds existed, so older chains still verify.
  const hashed = holdId === null || holdId === undefined ? content : { ...content, holdId };
  return bytesToHex(sha256(utf8ToBytes(`${prevHash}\n${fingerprint(hashed)}`)));
}

/**
 * Where a journal chain breaks.
 *
 * @example
 * ```ts
 * const broken: ChainBreak = { entryId: 'e-7', userId: 'bob', seq: 7, reason: 'hash_mismatch' };
 * ```
 */
export interface ChainBreak {
  /** The entry whose hash or position does not fit, or null when entries are missing at the end. */
  entryId: string | null;
  /** The member whose chain breaks, or null for the organization's own chain. */
  userId: string | null;
  /** The position in the chain where the break shows. */
  seq: number;
  reason: 'hash_mismatch' | 'sequence_gap' | 'missing_tail';
}

/**
 * An account's chain head as its record knows it (the member's or the organization's `seq` and `lastHash`).
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
}

/**
 * Verifies every chain: within each account (`userId`, or null for the organization) entries
 * ordered by `seq` must run 1, 2, 3, … and each hash must match its content and its
 * predecessor; the entry at the account record's `seq` must carry its `lastHash`. Returns the
 * first break (by account, then position) or null when the journal is intact. An edited,
 * deleted, inserted or reordered row always shows.
 *
 * @example
 * ```ts
 * const broken = verifyChains(entries, [{ userId: 'bob', seq: 3, lastHash: '…' }]);
 * if (broken) console.error(`journal tampered at ${broken.entryId}: ${broken.reason}`);
 * ```
 */
export function verifyChains(entries: Iterable<JournalEntry>, heads: ChainHead[]): ChainBreak | null {
  const chains = new Map<string | null, JournalEntry[]>();
  for (const head of heads) chains.set(head.userId, []);
  for (const entry of entries) {
    const chain = chains.get(entry.userId);
    if (chain) chain.push(entry);
    else chains.set(entry.userId, [entry]);
  }
  const byAccount = new Map(heads.map((h) => [h.userId, h]));
  const accounts = [...chains.keys()].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  for (const userId of accounts) {
    const chain = (chains.get(userId) ?? []).sort((a, b) => a.seq - b.seq);
    let prevHash = GENESIS_HASH;
    for (const [index, entry] of chain.entries()) {
      if (entry.seq !== index + 1)
        return { entryId: entry.id, userId, seq: entry.seq, reason: 'sequence_gap' };
      if (entry.hash !== hashEntry(entry, prevHash)) {
        return { entryId: entry.id, userId, seq: entry.seq, reason: 'hash_mismatch' };
      }
      prevHash = entry.hash;
    }
    // The record's head may trail the entries read (writes landed meanwhile), never lead them.
    const head = byAccount.get(userId);
    if (head && head.seq > 0 && chain[head.seq - 1]?.hash !== head.lastHash) {
      return { entryId: chain.at(-1)?.id ?? null, userId, seq: head.seq, reason: 'missing_tail' };
    }
  }
  return null;
}

/**
 * What {@link Allot.verifyJournal} answers: the journal is intact, or where it breaks.
 *
 * @example
 * ```ts
 * const v: JournalVerification = { ok: false, entries: 42, broken: { entryId: 'e-7', userId: 'bob', seq: 7, reason: 'sequence_gap' } };
 * ```
 */
export type JournalVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; broken: ChainBreak };
