import { describe, expect, it } from 'vitest';
import { compareIds, createChainChecker, findChainBreaks } from './chain-checker';
import { type ChainBreak, GENESIS_HASH, hashEntry } from './journal-chain';
import type { JournalEntry } from './schemas/records';

const KEY = new TextEncoder().encode('a host secret, 32 bytes long....');

function chain(userId: string | null, amounts: number[], key?: Uint8Array): JournalEntry[] {
  const out: JournalEntry[] = [];
  let prev = GENESIS_HASH;
  let balance = 100;
  for (const [i, amount] of amounts.entries()) {
    balance += amount;
    const content = {
      id: `${userId ?? 'org'}-${i + 1}`,
      orgId: 'acme',
      seq: i + 1,
      at: `2026-11-0${(i % 9) + 1}T00:00:00.000Z`,
      userId,
      type: 'usage' as const,
      amount,
      balanceAfter: userId === null ? null : balance,
      description: 'work',
      actor: 'system',
      requestId: null,
      usageId: null,
      holdId: null,
      idempotencyKey: null,
      metadata: null,
    };
    const entry = { ...content, hash: hashEntry(content, prev, key) };
    out.push(entry);
    prev = entry.hash;
  }
  return out;
}

const headOf = (entries: JournalEntry[], userId: string | null) => ({
  userId,
  seq: entries.length,
  lastHash: entries.at(-1)?.hash ?? GENESIS_HASH,
  ...(userId === null ? {} : { remaining: entries.at(-1)?.balanceAfter ?? 0 }),
});

describe('findChainBreaks', () => {
  const bob = chain('bob', [-1, -2, -3, -4]);
  const cy = chain('cy', [-5, -6]);
  const org = chain(null, [0, 0]);
  const heads = [headOf(bob, 'bob'), headOf(cy, 'cy'), headOf(org, null)];

  it('finds nothing in intact chains', () => {
    expect(findChainBreaks([...org, ...cy, ...bob].reverse(), heads)).toEqual([]);
  });

  it('reports an edit in each of two chains, and two edits in one chain, once each', () => {
    const edit = (e: JournalEntry) => ({ ...e, description: 'changed' });
    const tampered = [
      ...bob.map((e) => (e.seq === 1 || e.seq === 3 ? edit(e) : e)),
      ...cy.map((e) => (e.seq === 2 ? edit(e) : e)),
      ...org,
    ];
    const breaks = findChainBreaks(tampered, heads);
    expect(breaks.map((b) => [b.userId, b.seq, b.reason])).toEqual([
      ['bob', 1, 'hash_mismatch'],
      ['bob', 3, 'hash_mismatch'],
      ['cy', 2, 'hash_mismatch'],
    ]);
    expect(breaks[0]?.message).toContain('bob-1');
  });

  it('reports a gap, a repeated position and a cut-off tail', () => {
    const forged = { ...bob[1]!, id: 'bob-x' };
    const breaks = findChainBreaks([bob[0]!, bob[1]!, forged, bob[3]!, cy[0]!, ...org], heads);
    expect(breaks.map((b) => [b.userId, b.seq, b.reason])).toEqual([
      ['bob', 2, 'duplicate_seq'],
      ['bob', 4, 'sequence_gap'],
      ['cy', 2, 'missing_tail'],
    ]);
  });

  it("reports a member record whose head or remaining does not match its chain's entry", () => {
    const edited = [{ ...heads[0]!, remaining: 500 }, { ...heads[1]!, lastHash: cy[0]!.hash }, heads[2]!];
    expect(findChainBreaks([...bob, ...cy, ...org], edited).map((b) => [b.userId, b.reason])).toEqual([
      ['bob', 'balance_mismatch'],
      ['cy', 'head_mismatch'],
    ]);
  });

  it('reports entries of an account that has no record', () => {
    const ghost = chain('ghost', [-1]);
    expect(findChainBreaks([...bob, ...cy, ...org, ...ghost], heads)).toMatchObject([
      { userId: 'ghost', reason: 'unknown_account', entryId: 'ghost-1' },
    ]);
  });

  it('with a key: keyed chains verify; a plain rehash is an unkeyed entry; another key mismatches', () => {
    const keyed = chain('bob', [-1, -2], KEY);
    expect(findChainBreaks(keyed, [headOf(keyed, 'bob')], KEY)).toEqual([]);
    const plain = chain('bob', [-1, -2]);
    expect(findChainBreaks(plain, [headOf(plain, 'bob')], KEY).map((b) => b.reason)).toEqual([
      'unkeyed_entry',
      'unkeyed_entry',
    ]);
    const other = chain('bob', [-1, -2], new TextEncoder().encode('another secret of sixteen+'));
    expect(findChainBreaks(other, [headOf(other, 'bob')], KEY).map((b) => b.reason)).toEqual([
      'hash_mismatch',
      'hash_mismatch',
    ]);
  });
});

describe('createChainChecker against a saved head', () => {
  const bob = chain('bob', [-1, -2, -3]);
  function check(entries: JournalEntry[], saved: { seq: number; hash: string }, key?: Uint8Array) {
    const breaks: ChainBreak[] = [];
    const last = entries.at(-1);
    const head = { userId: 'bob', seq: last?.seq ?? 0, lastHash: last?.hash ?? '' };
    const checker = createChainChecker(
      { userId: 'bob', head, saved: { userId: 'bob', ...saved }, key },
      (b) => breaks.push(b),
    );
    for (const e of entries) checker.add(e);
    checker.finish();
    return breaks;
  }

  it('accepts a chain that grew since', () => {
    expect(check(bob, { seq: 2, hash: bob[1]!.hash })).toEqual([]);
  });

  it('catches a truncation with the record rolled back to match', () => {
    expect(check(bob.slice(0, 2), { seq: 3, hash: bob[2]!.hash })).toMatchObject([
      { reason: 'rolled_back', seq: 3 },
    ]);
  });

  it('catches a chain edited and rehashed throughout (every hash fits)', () => {
    const rehashed = chain('bob', [-1, -9, -3]);
    expect(check(rehashed, { seq: 3, hash: bob[2]!.hash })).toMatchObject([{ reason: 'rewritten', seq: 3 }]);
  });

  it('with a key, accepts plain entries the saved head pins, and no others', () => {
    const content = { ...bob[2]!, id: 'bob-4', seq: 4 };
    const keyedNext = { ...content, hash: hashEntry(content, bob[2]!.hash, KEY) };
    expect(check([...bob, keyedNext], { seq: 3, hash: bob[2]!.hash }, KEY)).toEqual([]);
    expect(check(bob, { seq: 2, hash: bob[1]!.hash }, KEY)).toMatchObject([
      { reason: 'unkeyed_entry', seq: 3 },
    ]);
  });
});

describe('compareIds', () => {
  it('orders by code point, as UTF-8 bytes compare', () => {
    const ids = ['b', '\u{1F600}', 'a', '\uFFFD', 'ab'];
    expect([...ids].sort(compareIds)).toEqual(['a', 'ab', 'b', '\uFFFD', '\u{1F600}']);
    const bytes = (s: string) => Buffer.from(s, 'utf8');
    const byBytes = [...ids].sort((x, y) => Buffer.compare(bytes(x), bytes(y)));
    expect([...ids].sort(compareIds)).toEqual(byBytes);
  });
});
