import { describe, expect, it } from 'vitest';
import {
  addToSummary,
  compareNewestFirst,
  EMPTY_SUMMARY,
  isAfterCursor,
  matchesLedgerFilter,
} from './ledger';
import type { JournalEntry } from './schemas/records';

function entry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id: 'e1',
    orgId: 'org-1',
    seq: 1,
    at: '2026-11-10T00:00:00.000Z',
    userId: 'bob',
    type: 'usage',
    amount: -5,
    balanceAfter: 95,
    description: '',
    actor: 'system',
    requestId: null,
    usageId: null,
    holdId: null,
    idempotencyKey: null,
    metadata: null,
    hash: 'test-hash',
    ...overrides,
  };
}

describe('matchesLedgerFilter', () => {
  it('an empty filter matches everything', () => {
    expect(matchesLedgerFilter(entry(), {})).toBe(true);
    expect(matchesLedgerFilter(entry({ userId: null, type: 'period_started' }), {})).toBe(true);
  });

  it('filters by user (org-level entries have none)', () => {
    expect(matchesLedgerFilter(entry(), { userId: 'bob' })).toBe(true);
    expect(matchesLedgerFilter(entry(), { userId: 'ada' })).toBe(false);
    expect(matchesLedgerFilter(entry({ userId: null }), { userId: 'bob' })).toBe(false);
  });

  it('filters by any of several types', () => {
    expect(matchesLedgerFilter(entry(), { type: ['refund', 'usage'] })).toBe(true);
    expect(matchesLedgerFilter(entry(), { type: ['refund'] })).toBe(false);
  });

  it('from is inclusive', () => {
    expect(matchesLedgerFilter(entry(), { from: '2026-11-10T00:00:00.000Z' })).toBe(true);
    expect(matchesLedgerFilter(entry(), { from: '2026-11-10T00:00:00.001Z' })).toBe(false);
  });

  it('to is exclusive', () => {
    expect(matchesLedgerFilter(entry(), { to: '2026-11-10T00:00:00.000Z' })).toBe(false);
    expect(matchesLedgerFilter(entry(), { to: '2026-11-10T00:00:00.001Z' })).toBe(true);
  });

  it('combines every condition', () => {
    const filter = {
      userId: 'bob',
      type: ['usage' as const],
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
    };
    expect(matchesLedgerFilter(entry(), filter)).toBe(true);
    expect(matchesLedgerFilter(entry({ type: 'refund' }), filter)).toBe(false);
  });
});

describe('compareNewestFirst', () => {
  it('puts later times first and breaks ties by id descending', () => {
    const items = [
      { at: '2026-11-01T00:00:00.000Z', id: 'b' },
      { at: '2026-11-03T00:00:00.000Z', id: 'a' },
      { at: '2026-11-01T00:00:00.000Z', id: 'c' },
    ];
    expect([...items].sort(compareNewestFirst).map((i) => i.id)).toEqual(['a', 'c', 'b']);
  });

  it('is 0 for the same position', () => {
    expect(compareNewestFirst({ at: 't', id: 'x' }, { at: 't', id: 'x' })).toBe(0);
  });
});

describe('isAfterCursor', () => {
  const cursor = { at: '2026-11-10T00:00:00.000Z', id: 'm' };

  it('everything is after no cursor', () => {
    expect(isAfterCursor({ at: '2030-01-01T00:00:00.000Z', id: 'z' }, undefined)).toBe(true);
  });

  it('only strictly older items (or same time, smaller id) come after', () => {
    expect(isAfterCursor({ at: '2026-11-09T00:00:00.000Z', id: 'z' }, cursor)).toBe(true);
    expect(isAfterCursor({ at: '2026-11-10T00:00:00.000Z', id: 'l' }, cursor)).toBe(true);
    expect(isAfterCursor({ at: '2026-11-10T00:00:00.000Z', id: 'm' }, cursor)).toBe(false);
    expect(isAfterCursor({ at: '2026-11-10T00:00:00.000Z', id: 'n' }, cursor)).toBe(false);
    expect(isAfterCursor({ at: '2026-11-11T00:00:00.000Z', id: 'a' }, cursor)).toBe(false);
  });
});

describe('addToSummary', () => {
  it('adds each kind as a positive total', () => {
    const summary = [
      { type: 'usage' as const, amount: -30 },
      { type: 'usage' as const, amount: -20 },
      { type: 'allocation' as const, amount: 100 },
      { type: 'revocation' as const, amount: -40 },
      { type: 'refund' as const, amount: 5 },
    ].reduce(addToSummary, EMPTY_SUMMARY);
    expect(summary).toEqual({ usage: 50, allocated: 100, revoked: 40, refunded: 5 });
  });

  it('ignores rollovers and zero-amount events', () => {
    const summary = [
      { type: 'rollover' as const, amount: -70 },
      { type: 'member_enrolled' as const, amount: 0 },
      { type: 'period_started' as const, amount: 0 },
    ].reduce(addToSummary, EMPTY_SUMMARY);
    expect(summary).toEqual(EMPTY_SUMMARY);
  });

  it('does not change the summary it is given', () => {
    addToSummary(EMPTY_SUMMARY, { type: 'usage', amount: -1 });
    expect(EMPTY_SUMMARY).toEqual({ usage: 0, allocated: 0, revoked: 0, refunded: 0 });
  });
});
