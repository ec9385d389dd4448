import { compareChains, type SavedChainHead } from './chain-checker';
import { fingerprint } from './fingerprint';
import { digestHex } from './journal-chain';

/**
 * A journal's head at one moment, to store or sign outside the database: each chain's length
 * and last hash, and one digest over them all (HMAC-SHA-256 under the journal key when there is
 * one, else SHA-256). `verifyJournal({ head })` then proves every chain still starts with what
 * it had: a truncation, a rollback or a rehash since shows, even one that fits every hash.
 *
 * @example
 * ```ts
 * const head: JournalHead = await orThrow(allot.journalHead({ actor, orgId }));
 * await saveElsewhere(head.orgId, JSON.stringify(head)); // or sign head.digest
 * ```
 */
export interface JournalHead {
  orgId: string;
  /** Every chain with at least one entry, in chain order: the organization's (null) first, then members by `userId`. */
  chains: SavedChainHead[];
  /** Hex digest over `orgId` and `chains` (see {@link journalHeadDigest}). */
  digest: string;
}

/**
 * The digest of a journal head: SHA-256, or HMAC-SHA-256 under `key`, of the canonical JSON of
 * `{ orgId, chains }`.
 *
 * @example
 * ```ts
 * journalHeadDigest(head.orgId, head.chains) === head.digest; // an unkeyed head as it was made
 * ```
 */
export function journalHeadDigest(orgId: string, chains: SavedChainHead[], key?: Uint8Array): string {
  return digestHex(fingerprint({ orgId, chains: chains.map((c) => [c.userId, c.seq, c.hash]) }), key);
}

/**
 * Builds a {@link JournalHead} from chain heads in any order (chains with no entry are left out).
 *
 * @example
 * ```ts
 * const head = makeJournalHead('acme', [{ userId: null, seq: 2, hash: '…' }, { userId: 'bob', seq: 5, hash: '…' }]);
 * ```
 */
export function makeJournalHead(orgId: string, chains: SavedChainHead[], key?: Uint8Array): JournalHead {
  const sorted = chains.filter((c) => c.seq > 0).sort((a, b) => compareChains(a.userId, b.userId));
  return { orgId, chains: sorted, digest: journalHeadDigest(orgId, sorted, key) };
}
