import { describe, expect, it } from 'vitest';
import { verifyChains } from './chain-checker';
import { GENESIS_HASH, hashEntry } from './journal-chain';
import type { JournalEntry } from './schemas/records';

function chain(userId: string | null, amounts: number[]): JournalEntry[] {
  const out: JournalEntry[] = [];
  let prev = GENESIS_HASH;
  for (const [i, amount] of amounts.entries()) {
    const content = {
      id: `${userId ?? 'org'}-${i + 1}`,
      orgId: 'acme',
      seq: i + 1,
      at: `2026-11-0${i + 1}T00:00:00.000Z`,
      userId,
      type: 'usage' as const,
      amount,
      balanceAfter: 100 + amount,
      description: 'work',
      actor: 'system',
      requestId: null,
      usageId: null,
      holdId: null,
      idempotencyKey: null,
      metadata: { job: i },
    };
    const entry = { ...content, hash: hashEntry(content, prev) };
    out.push(entry);
    prev = entry.hash;
  }
  return out;
}

const head = (entries: JournalEntry[], userId: string | null) => ({
  userId,
  seq: entries.length,
  lastHash: entries.at(-1)?.hash ?? GENESIS_HASH,
});

describe('verifyChains', () => {
  const bob = chain('bob', [-1, -2, -3]);
  const cy = chain('cy', [-4]);
  const org = chain(null, [0, 0]);
  const heads = [head(bob, 'bob'), head(cy, 'cy'), head(org, null)];

  it('accepts intact chains in any order', () => {
    expect(verifyChains([...cy, ...bob].reverse().concat(org), heads)).toBeNull();
  });

  it('reports an edited entry', () => {
    const edited = bob.map((e) => (e.seq === 2 ? { ...e, description: 'changed' } : e));
    expect(verifyChains([...edited, ...cy, ...org], heads)).toMatchObject({
      userId: 'bob',
      seq: 2,
      reason: 'hash_mismatch',
    });
  });

  it('reports a deleted entry', () => {
    expect(verifyChains([bob[0]!, bob[2]!, ...cy, ...org], heads)).toMatchObject({
      seq: 3,
      reason: 'sequence_gap',
    });
  });

  it('reports a cut-off tail through the record head', () => {
    expect(verifyChains([bob[0]!, bob[1]!, ...cy, ...org], heads)).toMatchObject({
      userId: 'bob',
      reason: 'missing_tail',
    });
  });

  it('reports two entries swapped', () => {
    const swapped = [{ ...bob[0]!, seq: 2 }, { ...bob[1]!, seq: 1 }, bob[2]!];
    expect(verifyChains([...swapped, ...cy, ...org], heads)).toMatchObject({ reason: 'hash_mismatch' });
  });

  it('reports a forged entry inserted with a fitting seq', () => {
    const forged = { ...bob[2]!, id: 'forged', seq: 4 };
    expect(verifyChains([...bob, forged, ...cy, ...org], heads)).toMatchObject({ entryId: 'forged' });
  });

  it('accepts entries written after the heads were read', () => {
    const longer = chain('bob', [-1, -2, -3, -9]);
    expect(verifyChains([...longer, ...cy, ...org], heads)).toBeNull();
  });

  it('hashes do not depend on metadata key order', () => {
    const e = bob[0]!;
    const reordered = { ...e, metadata: Object.fromEntries(Object.entries(e.metadata ?? {}).reverse()) };
    expect(hashEntry(reordered, GENESIS_HASH)).toBe(e.hash);
  });
});
