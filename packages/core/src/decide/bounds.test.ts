import { describe, expect, it } from 'vitest';
import type { AllotError } from '../errors';
import type { HoldRecord } from '../port';
import { decideAssign } from './allocation';
import { MAX_TOTAL, safeTotal } from './bounds';
import {
  errValue,
  fixedContext,
  member,
  NOW,
  okValue,
  org,
  request,
  usageEntry,
} from './fixtures.test-helpers';
import { decideCapture, decideReserve, decideTopUp } from './holds';
import { decideEnroll } from './membership';
import { decideUpdateSettings } from './organization';
import { decideApproveRequest } from './requests';
import { decideRollover } from './rollover';
import { decideConsume, decideRefund } from './usage';

const MAX = Number.MAX_SAFE_INTEGER;
/** 2^53 + 2: a figure a store could only hold from before the limit; representable exactly as a double. */
const PAST_MAX = MAX + 3;

/** Expects a `validation` error on `field` that says which total would pass the limit. */
function expectRefused(error: AllotError, field: string, total: string): void {
  expect(error.code).toBe('validation');
  if (error.code !== 'validation') return;
  const why = `${total} would exceed 9007199254740991 credits`;
  expect(error.issues).toEqual([{ path: field, message: why, code: 'too_big' }]);
  expect(error.message).toContain(`${field}: ${why}`);
}

describe('safeTotal', () => {
  it('adds exactly and allows exactly Number.MAX_SAFE_INTEGER', () => {
    expect(MAX_TOTAL).toBe(MAX);
    expect(okValue(safeTotal('amount', 'the pool', MAX - 1, 1))).toBe(MAX);
    // As doubles MAX + 1 + 1 − 2 is MAX − 1 (2^53 + 1 rounds to 2^53); the exact sum is MAX.
    expect(MAX + 1 + 1 - 2).toBe(MAX - 1);
    expect(okValue(safeTotal('total', 'the allocated credits', MAX, 1, 1, -2))).toBe(MAX);
  });

  it('refuses one more, even where float addition would round the sum back under the limit', () => {
    expectRefused(errValue(safeTotal('amount', 'the pool', MAX, 1)), 'amount', 'the pool');
    expect(MAX + 1 + 1 + 1 - 2).toBeLessThanOrEqual(MAX);
    expectRefused(errValue(safeTotal('amount', 'the pool', MAX, 1, 1, 1, -2)), 'amount', 'the pool');
  });

  it('refuses a term that is not a whole number', () => {
    const error = errValue(safeTotal('amount', 'the pool', 1.5));
    expect(error).toMatchObject({ code: 'validation', issues: [{ path: 'amount', code: 'custom' }] });
  });
});

describe('decideTopUp within the safe range', () => {
  it('allows a pool of exactly MAX_SAFE_INTEGER and refuses one credit more', () => {
    const full = org({ monthlyPool: MAX - 10, topUps: 5 });
    expect(okValue(decideTopUp(full, { amount: 5 }, fixedContext())).result).toMatchObject({
      topUps: 10,
      pool: MAX,
    });
    expectRefused(errValue(decideTopUp(full, { amount: 6 }, fixedContext())), 'amount', 'the pool');
  });

  it('three top-ups of 2^53 − 1: the first fills the pool, the next is refused', () => {
    const first = okValue(decideTopUp(org({ monthlyPool: 0 }), { amount: MAX }, fixedContext()));
    const after = first.changes.organization;
    expect(after?.topUps).toBe(MAX);
    if (!after) return;
    expectRefused(errValue(decideTopUp(after, { amount: MAX }, fixedContext())), 'amount', 'the pool');
  });
});

describe('decideUpdateSettings within the safe range', () => {
  it('allows a monthly pool that brings the pool to exactly MAX_SAFE_INTEGER, not one more', () => {
    const topped = org({ topUps: 10 });
    expect(
      okValue(decideUpdateSettings(topped, { monthlyPool: MAX - 10 }, fixedContext())).result,
    ).toMatchObject({ monthlyPool: MAX - 10 });
    expectRefused(
      errValue(decideUpdateSettings(topped, { monthlyPool: MAX - 9 }, fixedContext())),
      'monthlyPool',
      'the pool',
    );
  });
});

// A pool of 2^53 (monthly MAX + a top-up of 1) can only have been stored before the limit; the
// decisions still never write a total past it.
const overfull = () => org({ monthlyPool: MAX, topUps: 1, allocated: 1 });

describe('decideAssign within the safe range', () => {
  it('allocates exactly MAX_SAFE_INTEGER out of a pool that size', () => {
    const { changes } = okValue(
      decideAssign(org({ monthlyPool: MAX }), member(), 'bob', MAX, fixedContext()),
    );
    expect(changes.organization?.allocated).toBe(MAX);
    expect(changes.members?.[0]?.allocated).toBe(MAX);
    expect(changes.journal?.[0]).toMatchObject({ amount: MAX, balanceAfter: MAX });
  });

  it('refuses an allocation that would take the organization’s allocated past it', () => {
    expect(
      okValue(decideAssign(overfull(), member(), 'bob', MAX - 1, fixedContext())).changes.organization,
    ).toMatchObject({ allocated: MAX });
    expectRefused(
      errValue(decideAssign(overfull(), member(), 'bob', MAX, fixedContext())),
      'total',
      "the organization's allocated credits",
    );
  });
});

describe('decideApproveRequest within the safe range', () => {
  const approve = (amount: number) =>
    decideApproveRequest(overfull(), request({ amount }), member(), { requestId: 'req-1' }, fixedContext());

  it('grants up to exactly MAX_SAFE_INTEGER allocated and refuses one more', () => {
    expect(okValue(approve(MAX - 1)).changes.organization?.allocated).toBe(MAX);
    expectRefused(errValue(approve(MAX)), 'amount', "the organization's allocated credits");
  });

  it('refuses a grant that would take the member’s allocation past it', () => {
    const error = errValue(
      decideApproveRequest(
        org({ monthlyPool: MAX, allocated: 0 }),
        request({ amount: 1 }),
        member({ allocated: MAX }),
        { requestId: 'req-1' },
        fixedContext(),
      ),
    );
    expectRefused(error, 'amount', "the member's allocation");
  });
});

describe('decideEnroll within the safe range', () => {
  const enroll = (allocated: number) =>
    decideEnroll(
      org({ monthlyPool: MAX, topUps: 1, allocated, defaultAllocation: 1 }),
      null,
      { userId: 'cy', email: 'cy@acme.com', name: 'Cy' },
      fixedContext(),
    );

  it('grants the default allocation up to exactly MAX_SAFE_INTEGER allocated, and none past it', () => {
    expect(okValue(enroll(MAX - 1)).changes.organization?.allocated).toBe(MAX);
    const { changes, result } = okValue(enroll(MAX));
    expect(changes.organization?.allocated).toBe(MAX);
    expect(result.member?.allocated).toBe(0);
  });
});

describe('decideConsume, decideReserve and decideCapture within the safe range', () => {
  const consume = (amount: number) => ({ userId: 'bob', amount, description: 'Render' });

  it('uses up to exactly MAX_SAFE_INTEGER credits', () => {
    const { changes } = okValue(
      decideConsume(member({ allocated: MAX, used: MAX - 5 }), consume(5), fixedContext()),
    );
    expect(changes.members?.[0]).toMatchObject({ used: MAX });
    expect(changes.journal?.[0]).toMatchObject({ amount: -5, balanceAfter: 0 });
  });

  it('refuses a usage that would take used past it', () => {
    const stale = member({ allocated: PAST_MAX, used: MAX });
    expectRefused(
      errValue(decideConsume(stale, consume(1), fixedContext())),
      'amount',
      "the member's used credits",
    );
  });

  it('holds up to exactly MAX_SAFE_INTEGER credits and refuses one more', () => {
    const input = { userId: 'bob', amount: 1, ttlSeconds: 60, description: 'Render' };
    const { changes } = okValue(
      decideReserve(member({ allocated: MAX, held: MAX - 1 }), input, fixedContext()),
    );
    expect(changes.members?.[0]?.held).toBe(MAX);
    expectRefused(
      errValue(decideReserve(member({ allocated: PAST_MAX, held: MAX }), input, fixedContext())),
      'amount',
      "the member's held credits",
    );
  });

  it('captures up to exactly MAX_SAFE_INTEGER used and refuses one more', () => {
    const hold: HoldRecord = {
      id: 'hold-1',
      orgId: 'org-1',
      userId: 'bob',
      amount: 1,
      status: 'active',
      captured: null,
      description: 'Render',
      metadata: null,
      createdAt: NOW,
      expiresAt: '2026-11-25T10:15:00.000Z',
      settledAt: null,
    };
    const input = { holdId: 'hold-1', description: '' };
    const atLimit = member({ allocated: MAX, used: MAX - 1, held: 1, holdsExpireAt: hold.expiresAt });
    expect(okValue(decideCapture(hold, atLimit, input, fixedContext())).changes.members?.[0]?.used).toBe(MAX);
    const stale = member({ allocated: PAST_MAX, used: MAX, held: 1, holdsExpireAt: hold.expiresAt });
    expectRefused(
      errValue(decideCapture(hold, stale, input, fixedContext())),
      'amount',
      "the member's used credits",
    );
  });
});

describe('decideRefund within the safe range', () => {
  const refund = (current: ReturnType<typeof member>) =>
    decideRefund(
      org(),
      usageEntry({ amount: -3 }),
      current,
      { usageId: 'usage-1', amount: 1, description: '' },
      0,
      fixedContext(),
    );

  it('brings the balance back to exactly MAX_SAFE_INTEGER, and refuses one more', () => {
    const { changes } = okValue(refund(member({ allocated: MAX, used: 1 })));
    expect(changes.journal?.[0]).toMatchObject({ type: 'refund', amount: 1, balanceAfter: MAX });
    // allocated 2^53 + 2, used 3: remaining is already MAX; one credit back would pass it.
    expectRefused(
      errValue(refund(member({ allocated: PAST_MAX, used: 3 }))),
      'amount',
      "the member's balance after the refund",
    );
  });
});

describe('decideRollover with allocations summing past the safe range', () => {
  it('scales carried allocations by their exact sum into the monthly pool', () => {
    // Σ = 2^53 + 1 exactly; as doubles it is 2^53, which would scale `ada` to MAX − 1 instead of MAX − 2.
    const members = [
      member({ userId: 'ada', allocated: MAX }),
      member({ userId: 'bob', allocated: 1 }),
      member({ userId: 'cy', allocated: 1 }),
    ];
    const rolled = decideRollover(
      org({ monthlyPool: MAX, allocated: MAX, topUps: 0 }),
      members,
      [],
      fixedContext({ now: '2026-12-02T00:00:00.000Z' }),
    );
    expect(rolled?.changes.members?.map((m) => [m.userId, m.allocated])).toEqual([
      ['ada', MAX - 2],
      ['bob', 0],
      ['cy', 0],
    ]);
    expect(rolled?.organization.allocated).toBe(MAX - 2);
  });
});
