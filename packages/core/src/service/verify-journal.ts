import { type ChainChecker, compareChains, createChainChecker, type SavedChainHead } from '../chain-checker';
import { remainingOf } from '../decide/context';
import type { ChainBreak, ChainHead, JournalVerification } from '../journal-chain';
import type { JournalHead } from '../journal-head';
import type { AllotStore, ChainPosition, MemberRecord, OrganizationRecord } from '../port';
import type { JournalEntry } from '../schemas/records';

/** How {@link verifyJournalOf} reads and reports. */
export interface VerifyOptions {
  key?: Uint8Array | undefined;
  /** A head saved earlier; every chain must still start with what it held. */
  saved?: JournalHead | undefined;
  maxBreaks: number;
  /** Entries (and members) read per round trip. */
  pageSize: number;
}

/** Items of a keyset-paged read, one page in memory at a time, with a look at the next item. */
function pager<T, P>(
  fetch: (after: P | undefined, limit: number) => Promise<T[]>,
  position: (t: T) => P,
  limit: number,
  start?: P,
) {
  let page: T[] = [];
  let index = 0;
  let after: P | undefined = start;
  let done = false;
  return {
    async peek(): Promise<T | undefined> {
      if (index < page.length) return page[index];
      if (done) return undefined;
      page = await fetch(after, limit);
      index = 0;
      const last = page.at(-1);
      if (page.length < limit || !last) done = true;
      if (last) after = position(last);
      return page[0];
    },
    skip(): void {
      index += 1;
    },
  };
}

const chainPosition = (e: JournalEntry): ChainPosition => ({ userId: e.userId, seq: e.seq, id: e.id });

/**
 * Verifies an organization's journal chain by chain straight from the store, holding one page of
 * entries and one of members at a time: the organization's chain against its record, then every
 * member chain (by `userId`) merged with the member records, each against the record's head and
 * remaining, and all of them against a saved head when given. `org` is read before any entry, so
 * entries written meanwhile only lengthen the chains; a record read after its chain went by is
 * caught up by reading the rest of that one chain.
 */
export async function verifyJournalOf(
  store: AllotStore,
  org: OrganizationRecord,
  options: VerifyOptions,
): Promise<JournalVerification> {
  const { key, saved, maxBreaks, pageSize } = options;
  const orgId = org.id;
  const breaks: ChainBreak[] = [];
  let found = 0;
  const report = (b: ChainBreak) => {
    found += 1;
    if (breaks.length < maxBreaks) breaks.push(b);
  };
  let entries = 0;
  let chains = 0;

  // The saved head's chains, consumed in chain order alongside the walk.
  const savedChains = [...(saved?.chains ?? [])].sort((a, b) => compareChains(a.userId, b.userId));
  let savedAt = 0;
  /** The saved head of chain `userId`; saved chains before it that the walk never met are gone. */
  function savedFor(userId: string | null | undefined): SavedChainHead | undefined {
    for (;;) {
      const next = savedChains[savedAt];
      const order = next === undefined ? 1 : userId === undefined ? -1 : compareChains(next.userId, userId);
      if (!next || order > 0) return undefined;
      savedAt += 1;
      if (order === 0) return next;
      report({
        entryId: null,
        userId: next.userId,
        seq: next.seq,
        reason: 'rolled_back',
        message: `${next.userId ?? 'the organization'}: the saved head has seq ${next.seq} but the chain has no entries`,
      });
    }
  }

  /** Every entry of one chain (after `start` when given), page by page. */
  async function readChain(checker: ChainChecker, userId: string | null, start?: ChainPosition) {
    const one = pager(
      (after: ChainPosition | undefined, limit) =>
        store.listJournalChains({ orgId, userId, limit, ...(after ? { after } : {}) }),
      chainPosition,
      pageSize,
      start,
    );
    for (let e = await one.peek(); e; e = await one.peek()) {
      checker.add(e);
      one.skip();
    }
  }

  async function finishChain(checker: ChainChecker, userId: string | null, head: ChainHead | null) {
    // The record may have been read after this chain's entries went by: read the rest of it.
    if (head && (checker.last?.seq ?? 0) < head.seq) {
      const last = checker.last;
      await readChain(checker, userId, last ? { userId, seq: last.seq, id: last.id } : undefined);
    }
    checker.finish();
    entries += checker.entries;
    if (checker.entries > 0 || head?.seq) chains += 1;
  }

  // The organization's own chain.
  const orgHead: ChainHead = { userId: null, seq: org.seq, lastHash: org.lastHash };
  const orgChecker = createChainChecker({ userId: null, head: orgHead, saved: savedFor(null), key }, report);
  await readChain(orgChecker, null);
  await finishChain(orgChecker, null, orgHead);

  // Member chains merged with member records, both by userId.
  const members = pager(
    (after: string | undefined, limit) =>
      store.listMemberRecords({ orgId, limit, ...(after !== undefined ? { after } : {}) }),
    (m: MemberRecord) => m.userId,
    pageSize,
  );
  const stream = pager(
    (after: ChainPosition | undefined, limit) =>
      store.listJournalChains({ orgId, limit, ...(after ? { after } : {}) }),
    chainPosition,
    pageSize,
  );
  for (;;) {
    const member = await members.peek();
    const next = await stream.peek();
    if (!member && !next) break;
    const userId =
      member && (!next || compareChains(member.userId, next.userId) <= 0)
        ? member.userId
        : (next?.userId as string);
    let record: MemberRecord | null;
    if (member?.userId === userId) {
      record = member;
      members.skip();
    } else {
      // Enrolled after the member page was read (its first entry commits with its record).
      record = await store.getMember({ orgId, userId });
    }
    const head: ChainHead | null = record
      ? { userId, seq: record.seq, lastHash: record.lastHash, remaining: remainingOf(record) }
      : null;
    const checker = createChainChecker({ userId, head, saved: savedFor(userId), key }, report);
    if (next?.userId === userId) {
      for (let e: JournalEntry | undefined = next; e?.userId === userId; e = await stream.peek()) {
        checker.add(e);
        stream.skip();
      }
    } else if (head && head.seq > 0) {
      await readChain(checker, userId);
    }
    await finishChain(checker, userId, head);
  }
  savedFor(undefined);

  const [first] = breaks;
  return first
    ? { ok: false, entries, chains, breaks, truncated: found > breaks.length, broken: first }
    : { ok: true, entries, chains };
}

/**
 * The journal head of an organization from its records (each chain's `seq` and `lastHash`), read
 * one page of members at a time; chains with no entry are left out.
 */
export async function chainHeadsOf(
  store: AllotStore,
  org: OrganizationRecord,
  pageSize: number,
): Promise<SavedChainHead[]> {
  const heads: SavedChainHead[] = [{ userId: null, seq: org.seq, hash: org.lastHash }];
  let after: string | undefined;
  for (;;) {
    const page = await store.listMemberRecords({
      orgId: org.id,
      limit: pageSize,
      ...(after ? { after } : {}),
    });
    for (const m of page) heads.push({ userId: m.userId, seq: m.seq, hash: m.lastHash });
    const last = page.at(-1);
    if (page.length < pageSize || !last) return heads;
    after = last.userId;
  }
}
