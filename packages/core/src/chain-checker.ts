import { type ChainBreak, type ChainHead, GENESIS_HASH, hashEntry } from './journal-chain';
import type { ChainPosition } from './port';
import type { JournalEntry } from './schemas/records';

/**
 * One chain's head as a saved `JournalHead` holds it: its length and its last hash then.
 *
 * @example
 * ```ts
 * const saved: SavedChainHead = { userId: 'bob', seq: 12, hash: '9f2c…' };
 * ```
 */
export interface SavedChainHead {
  /** The member, or null for the organization's own chain. */
  userId: string | null;
  seq: number;
  hash: string;
}

/**
 * What {@link createChainChecker} checks one chain against.
 *
 * @example
 * ```ts
 * const options: ChainCheckOptions = { userId: 'bob', head: { userId: 'bob', seq: 3, lastHash: '…', remaining: 40 } };
 * ```
 */
export interface ChainCheckOptions {
  /** The member, or null for the organization's own chain. */
  userId: string | null;
  /** The account record's head; null when there is no record (entries of an unknown member). */
  head: ChainHead | null;
  /** The chain's head in a saved journal head, if it had this chain. */
  saved?: SavedChainHead | undefined;
  /** The journal's HMAC key as bytes; omitted: plain SHA-256. */
  key?: Uint8Array | undefined;
}

/**
 * Checks one chain entry by entry, in constant memory (see {@link createChainChecker}).
 *
 * @example
 * ```ts
 * const checker: ChainChecker = createChainChecker({ userId: null, head: null }, console.error);
 * ```
 */
export interface ChainChecker {
  /** The next entry, in chain order (`seq`, then `id`). */
  add(entry: JournalEntry): void;
  /** The last entry taken into the chain (its position), or null before any. */
  readonly last: { seq: number; id: string } | null;
  /** Entries added. */
  readonly entries: number;
  /** Ends the chain: checks the record's head and the saved head against it. */
  finish(): void;
}

const who = (userId: string | null) => (userId === null ? 'the organization' : `${userId}`);

/**
 * A checker for one chain that reports every break (see `ChainBreakReason`) to `report`,
 * holding nothing but the previous hash and the entries at the record's and the saved head's
 * positions. After a break it carries on from the stored hash, so one edit shows as one break and
 * a later, separate edit still shows.
 *
 * @example
 * ```ts
 * const breaks: ChainBreak[] = [];
 * const checker = createChainChecker({ userId: 'bob', head }, (b) => breaks.push(b));
 * for (const entry of bobsEntriesBySeq) checker.add(entry);
 * checker.finish();
 * ```
 */
export function createChainChecker(
  options: ChainCheckOptions,
  report: (broken: ChainBreak) => void,
): ChainChecker {
  const { userId, head, saved, key } = options;
  let prevHash = GENESIS_HASH;
  let last: { seq: number; id: string } | null = null;
  let first: JournalEntry | null = null;
  let atHead: JournalEntry | null = null;
  let atSaved: JournalEntry | null = null;
  let count = 0;
  const lastSeq = () => last?.seq ?? 0;
  const broke = (entryId: string | null, seq: number, reason: ChainBreak['reason'], what: string) =>
    report({ entryId, userId, seq, reason, message: `${who(userId)}: ${what}` });

  function checkHash(entry: JournalEntry) {
    if (entry.hash === hashEntry(entry, prevHash, key)) return;
    if (key && entry.hash === hashEntry(entry, prevHash)) {
      // A plain hash under a keyed journal: accepted only where a saved head pins it.
      if (saved && entry.seq <= saved.seq) return;
      broke(
        entry.id,
        entry.seq,
        'unkeyed_entry',
        `entry ${entry.id} (seq ${entry.seq}) is not hashed with the journal key`,
      );
      return;
    }
    broke(
      entry.id,
      entry.seq,
      'hash_mismatch',
      `entry ${entry.id} (seq ${entry.seq}): its hash does not match its content and its predecessor`,
    );
  }

  return {
    add(entry) {
      count += 1;
      first ??= entry;
      if (entry.seq <= lastSeq()) {
        broke(
          entry.id,
          entry.seq,
          'duplicate_seq',
          `entry ${entry.id} takes position ${entry.seq}, which is already taken`,
        );
        return;
      }
      if (entry.seq !== lastSeq() + 1) {
        const from = lastSeq() + 1;
        const missing = from === entry.seq - 1 ? `${from}` : `${from}–${entry.seq - 1}`;
        broke(
          entry.id,
          entry.seq,
          'sequence_gap',
          `entries at seq ${missing} are missing before entry ${entry.id}`,
        );
      } else {
        checkHash(entry);
      }
      prevHash = entry.hash;
      last = { seq: entry.seq, id: entry.id };
      if (head && entry.seq === head.seq) atHead = entry;
      if (saved && entry.seq === saved.seq) atSaved = entry;
    },
    get last() {
      return last;
    },
    get entries() {
      return count;
    },
    finish() {
      if (!head) {
        if (first)
          broke(first.id, first.seq, 'unknown_account', `${count} entries of a member that does not exist`);
      } else if (head.seq > 0) {
        const found = atHead as JournalEntry | null;
        if (!found) {
          broke(
            last?.id ?? null,
            head.seq,
            'missing_tail',
            `the record says seq ${head.seq} but the chain ends at ${lastSeq()}`,
          );
        } else {
          if (found.hash !== head.lastHash) {
            broke(
              found.id,
              head.seq,
              'head_mismatch',
              `the record's lastHash is not the hash of entry ${found.id} at seq ${head.seq}`,
            );
          }
          if (head.remaining !== undefined && found.balanceAfter !== head.remaining) {
            broke(
              found.id,
              head.seq,
              'balance_mismatch',
              `the record's remaining is ${head.remaining} but entry ${found.id} at seq ${head.seq} says ${found.balanceAfter}`,
            );
          }
        }
      }
      if (saved && saved.seq > 0) {
        const pinned = atSaved as JournalEntry | null;
        if (!pinned) {
          broke(
            null,
            saved.seq,
            'rolled_back',
            `the saved head has seq ${saved.seq} but the chain ends at ${lastSeq()}`,
          );
        } else if (pinned.hash !== saved.hash) {
          broke(
            pinned.id,
            saved.seq,
            'rewritten',
            `entry ${pinned.id} at seq ${saved.seq} is not the one the saved head holds`,
          );
        }
      }
    },
  };
}

/**
 * Orders ids by Unicode code point, as SQL compares them byte by byte (UTF-8, `"C"` collation):
 * the order of `userId`s in the journal's chain order.
 *
 * @example
 * ```ts
 * ['b', 'a', '\u{1F600}', '\uFFFD'].sort(compareIds); // ['a', 'b', '\uFFFD', '\u{1F600}']
 * ```
 */
export function compareIds(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** A UTF-16 unit ranked so that surrogates (code points ≥ U+10000) sort after U+E000–U+FFFF. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}

/** Chain order of accounts: the organization (null) first, then members by {@link compareIds}. */
export function compareChains(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return compareIds(a, b);
}

/**
 * The journal's chain order (see `AllotStore.listJournalChains`): by chain (the organization's
 * first, then members by {@link compareIds}), then `seq`, then `id`.
 *
 * @example
 * ```ts
 * const page = entries.filter((e) => !after || compareChainPositions(e, after) > 0).sort(compareChainPositions);
 * ```
 */
export function compareChainPositions(a: ChainPosition, b: ChainPosition): number {
  return compareChains(a.userId, b.userId) || a.seq - b.seq || compareIds(a.id, b.id);
}

/**
 * Every break in a journal held in memory, in chain order, against the account records' heads
 * (chains with entries but no head are `unknown_account`). `allot.verifyJournal` does the same
 * from the store in constant memory.
 *
 * @example
 * ```ts
 * const breaks = findChainBreaks(entries, [{ userId: 'bob', seq: 3, lastHash: '…' }]);
 * for (const b of breaks) console.error(b.message);
 * ```
 */
export function findChainBreaks(
  entries: Iterable<JournalEntry>,
  heads: ChainHead[],
  key?: Uint8Array,
): ChainBreak[] {
  const chains = new Map<string | null, JournalEntry[]>();
  for (const head of heads) chains.set(head.userId, []);
  for (const entry of entries) {
    const chain = chains.get(entry.userId);
    if (chain) chain.push(entry);
    else chains.set(entry.userId, [entry]);
  }
  const byAccount = new Map(heads.map((h) => [h.userId, h]));
  const breaks: ChainBreak[] = [];
  for (const userId of [...chains.keys()].sort(compareChains)) {
    const checker = createChainChecker({ userId, head: byAccount.get(userId) ?? null, key }, (b) =>
      breaks.push(b),
    );
    for (const entry of (chains.get(userId) ?? []).sort(compareChainPositions)) checker.add(entry);
    checker.finish();
  }
  return breaks;
}

/**
 * Verifies every chain in memory and returns the first break (by account, then position), or
 * null when intact; {@link findChainBreaks} returns them all.
 *
 * @example
 * ```ts
 * const broken = verifyChains(entries, [{ userId: 'bob', seq: 3, lastHash: '…' }]);
 * if (broken) console.error(`journal tampered at ${broken.entryId}: ${broken.reason}`);
 * ```
 */
export function verifyChains(
  entries: Iterable<JournalEntry>,
  heads: ChainHead[],
  key?: Uint8Array,
): ChainBreak | null {
  return findChainBreaks(entries, heads, key)[0] ?? null;
}
