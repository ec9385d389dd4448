import { describe, expect, it } from 'vitest';
import type { HoldRecord } from '../port';
import { errValue, fixedContext, member, NOW, okValue, org } from './fixtures.test-helpers';
import {
  decideCapture,
  decideRelease,
  decideReserve,
  decideTopUp,
  expireDueHolds,
  releaseHolds,
} from './holds';

const LATER = '2026-11-25T10:15:00.000Z';

function hold(overrides: Partial<HoldRecord> = {}): HoldRecord {
  return {
    id: 'hold-1',
    orgId: 'org-1',
    userId: 'bob',
    amount: 300,
    status: 'active',
    captured: null,
    description: 'Render',
    metadata: { job: 'j-7' },
    createdAt: NOW,
    expiresAt: LATER,
    settledAt: null,
    ...overrides,
  };
}

const holding = () => member({ allocated: 1000, used: 100, held: 300, holdsExpireAt: LATER });

describe('decideReserve', () => {
  const input = { userId: 'bob', amount: 300, ttlSeconds: 900, description: 'Render' };

  it('moves credits from remaining to held and journals a hold entry with the hold id', () => {
    const { changes, result } = okValue(
      decideReserve(member({ allocated: 1000, used: 100 }), input, fixedContext()),
    );
    expect(result.hold).toMatchObject({ amount: 300, status: 'active', expiresAt: LATER, userId: 'bob' });
    expect(result.member).toMatchObject({ held: 300, used: 100, remaining: 600 });
    expect(changes.journal).toEqual([
      expect.objectContaining({ type: 'hold', amount: -300, balanceAfter: 600, holdId: result.hold.id }),
    ]);
    expect(changes.members?.[0]?.holdsExpireAt).toBe(LATER);
  });

  it('keeps the earliest expiry of the member', () => {
    const earlier = '2026-11-25T10:05:00.000Z';
    const { changes } = okValue(
      decideReserve(member({ allocated: 1000, held: 100, holdsExpireAt: earlier }), input, fixedContext()),
    );
    expect(changes.members?.[0]?.holdsExpireAt).toBe(earlier);
  });

  it('refuses more than remaining, counting what is already held', () => {
    const error = errValue(
      decideReserve(member({ allocated: 500, used: 100, held: 200 }), input, fixedContext()),
    );
    expect(error).toMatchObject({ code: 'insufficient_credits', requested: 300, available: 200 });
  });

  it('refuses a removed or unknown member', () => {
    expect(errValue(decideReserve(null, input, fixedContext())).code).toBe('not_found');
    expect(errValue(decideReserve(member({ status: 'removed' }), input, fixedContext())).code).toBe(
      'not_found',
    );
  });
});

describe('decideCapture', () => {
  it('frees the hold then uses the captured amount: hold_released + usage with the hold id', () => {
    const { changes, result } = okValue(
      decideCapture(hold(), holding(), { holdId: 'hold-1', amount: 240, description: '' }, fixedContext()),
    );
    expect(changes.journal?.map((e) => [e.type, e.amount, e.balanceAfter, e.holdId])).toEqual([
      ['hold_released', 300, 900, 'hold-1'],
      ['usage', -240, 660, 'hold-1'],
    ]);
    expect(result.usage).toMatchObject({ description: 'Render', metadata: { job: 'j-7' } });
    expect(result.hold).toMatchObject({ status: 'captured', captured: 240, settledAt: NOW });
    expect(result.member).toMatchObject({ used: 340, held: 0, remaining: 660 });
    expect(changes.members?.[0]?.holdsExpireAt).toBeNull();
  });

  it('captures the whole hold when no amount is given', () => {
    const { result } = okValue(
      decideCapture(hold(), holding(), { holdId: 'hold-1', description: 'Done' }, fixedContext()),
    );
    expect(result.usage).toMatchObject({ amount: -300, description: 'Done' });
  });

  it('refuses more than the hold, naming amount', () => {
    const error = errValue(
      decideCapture(hold(), holding(), { holdId: 'hold-1', amount: 301, description: '' }, fixedContext()),
    );
    expect(error.code).toBe('validation');
    expect(error.code === 'validation' && error.issues[0]?.path).toBe('amount');
  });

  it('refuses a hold that is no longer active, and an unknown one', () => {
    for (const status of ['captured', 'released', 'expired'] as const) {
      const error = errValue(
        decideCapture(hold({ status }), holding(), { holdId: 'hold-1', description: '' }, fixedContext()),
      );
      expect(error).toMatchObject({ code: 'hold_not_active', status });
    }
    expect(
      errValue(decideCapture(null, null, { holdId: 'nope', description: '' }, fixedContext())),
    ).toMatchObject({
      code: 'not_found',
      resource: 'hold',
    });
  });
});

describe('decideRelease', () => {
  it('returns the held credits', () => {
    const { changes, result } = okValue(decideRelease(hold(), holding(), 'hold-1', fixedContext()));
    expect(changes.journal).toEqual([
      expect.objectContaining({ type: 'hold_released', amount: 300, balanceAfter: 900 }),
    ]);
    expect(result.hold).toMatchObject({ status: 'released', captured: null });
    expect(result.member).toMatchObject({ held: 0, remaining: 900 });
  });

  it('refuses an already released hold', () => {
    expect(
      errValue(decideRelease(hold({ status: 'released' }), holding(), 'hold-1', fixedContext())).code,
    ).toBe('hold_not_active');
  });
});

describe('expireDueHolds', () => {
  it('expires holds whose time is up, as the system, and moves the expiry bound to the next hold', () => {
    const next = '2026-11-25T11:00:00.000Z';
    const holds = [hold(), hold({ id: 'hold-2', amount: 100, expiresAt: next })];
    const expired = expireDueHolds(
      member({ allocated: 1000, held: 400, holdsExpireAt: LATER }),
      holds,
      fixedContext({ now: LATER, idempotencyKey: 'k' }),
    );
    expect(expired?.member).toMatchObject({ held: 100, holdsExpireAt: next });
    expect(expired?.changes.holds).toEqual([expect.objectContaining({ id: 'hold-1', status: 'expired' })]);
    expect(expired?.changes.journal).toEqual([
      expect.objectContaining({ type: 'hold_released', actor: 'system', idempotencyKey: null, amount: 300 }),
    ]);
  });

  it('returns null when nothing is due and the bound is exact', () => {
    expect(expireDueHolds(holding(), [hold()], fixedContext())).toBeNull();
  });

  it('tightens a stale bound without writing entries', () => {
    const stale = member({ allocated: 1000, held: 300, holdsExpireAt: NOW });
    const result = expireDueHolds(stale, [hold()], fixedContext({ now: NOW }));
    expect(result?.member.holdsExpireAt).toBe(LATER);
    expect(result?.changes.journal).toEqual([]);
  });
});

describe('releaseHolds', () => {
  it('releases several holds in one chain', () => {
    const released = releaseHolds(
      member({ allocated: 1000, held: 400, holdsExpireAt: LATER, seq: 3 }),
      [hold(), hold({ id: 'hold-2', amount: 100 })],
      'released',
      'Released on removal',
      fixedContext(),
    );
    expect(released.member).toMatchObject({ held: 0, holdsExpireAt: null, seq: 5 });
    expect(released.journal.map((e) => e.seq)).toEqual([4, 5]);
  });
});

describe('decideTopUp', () => {
  it('adds to this period’s pool with an org-level top_up entry', () => {
    const { changes, result } = okValue(
      decideTopUp(org({ topUps: 500 }), { amount: 2000, reason: 'Launch' }, fixedContext()),
    );
    expect(result).toMatchObject({ topUps: 2500, pool: 12_500 });
    expect(result.entry).toMatchObject({
      type: 'top_up',
      amount: 2000,
      userId: null,
      balanceAfter: null,
      description: 'Launch',
    });
    expect(changes.organization?.topUps).toBe(2500);
  });
});
