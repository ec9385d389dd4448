import { describe, expect, it } from 'vitest';
import type { MemberRecord } from '../port';
import { errValue, fixedContext, member, org, usageEntry } from './fixtures.test-helpers';
import { decideRollover } from './rollover';
import { decideRefund } from './usage';

const DEC_2 = '2026-12-02T08:00:00.000Z';

function team(): MemberRecord[] {
  return [
    member({ userId: 'ada', role: 'admin', allocated: 3000, used: 1000, seq: 5 }),
    member({ userId: 'bob', allocated: 2000, used: 2000, seq: 8 }),
    member({ userId: 'cy', allocated: 0, used: 0, seq: 1 }),
  ];
}

describe('decideRollover', () => {
  it('returns null while the period is still current', () => {
    expect(decideRollover(org(), team(), [], fixedContext({ now: '2026-11-30T23:59:59.999Z' }))).toBeNull();
  });

  it('rolls over at exactly the period end', () => {
    expect(
      decideRollover(org(), team(), [], fixedContext({ now: '2026-12-01T00:00:00.000Z' })),
    ).not.toBeNull();
  });

  it('carry keeps allocations and resets used', () => {
    const rolled = decideRollover(org({ allocated: 5000 }), team(), [], fixedContext({ now: DEC_2 }));
    expect(rolled?.changes.members?.map((m) => [m.userId, m.allocated, m.used])).toEqual([
      ['ada', 3000, 0],
      ['bob', 2000, 0],
      ['cy', 0, 0],
    ]);
    expect(rolled?.organization.allocated).toBe(5000);
  });

  it('reset zeroes allocations', () => {
    const rolled = decideRollover(
      org({ allocated: 5000, rolloverPolicy: 'reset' }),
      team(),
      [],
      fixedContext({ now: DEC_2 }),
    );
    expect(rolled?.changes.members?.every((m) => m.allocated === 0 && m.used === 0)).toBe(true);
    expect(rolled?.organization.allocated).toBe(0);
  });

  it('removed members drop to zero even under carry', () => {
    const removed = member({ userId: 'dee', status: 'removed', allocated: 400, used: 400, seq: 4 });
    const rolled = decideRollover(org({ allocated: 400 }), [removed], [], fixedContext({ now: DEC_2 }));
    expect(rolled?.changes.members?.[0]).toMatchObject({
      userId: 'dee',
      allocated: 0,
      used: 0,
      status: 'removed',
    });
    expect(rolled?.organization.allocated).toBe(0);
  });

  it('skips a removed member with nothing left to roll', () => {
    const gone = member({ userId: 'dee', status: 'removed', allocated: 0, used: 0 });
    const rolled = decideRollover(org(), [gone], [], fixedContext({ now: DEC_2 }));
    expect(rolled?.changes.members).toEqual([]);
    expect(rolled?.changes.journal?.map((e) => e.type)).toEqual(['period_started']);
  });

  it('moves to the next period', () => {
    const rolled = decideRollover(org(), team(), [], fixedContext({ now: DEC_2 }));
    expect(rolled?.organization).toMatchObject({
      periodStart: '2026-12-01T00:00:00.000Z',
      periodEnd: '2027-01-01T00:00:00.000Z',
    });
  });

  it('after several skipped months lands in the period containing now', () => {
    const rolled = decideRollover(
      org({
        periodAnchorDay: 15,
        periodStart: '2026-10-15T00:00:00.000Z',
        periodEnd: '2026-11-15T00:00:00.000Z',
      }),
      team(),
      [],
      fixedContext({ now: '2027-03-20T00:00:00.000Z' }),
    );
    expect(rolled?.organization).toMatchObject({
      periodStart: '2027-03-15T00:00:00.000Z',
      periodEnd: '2027-04-15T00:00:00.000Z',
    });
  });

  it('every rollover entry keeps the chain: previous balanceAfter + amount = new balanceAfter', () => {
    for (const rolloverPolicy of ['carry', 'reset'] as const) {
      const members = [
        ...team(),
        member({ userId: 'dee', status: 'removed', allocated: 400, used: 100, seq: 2 }),
      ];
      const rolled = decideRollover(org({ rolloverPolicy }), members, [], fixedContext({ now: DEC_2 }));
      const entries = rolled?.changes.journal?.filter((e) => e.type === 'rollover') ?? [];
      expect(entries).toHaveLength(4);
      for (const entry of entries) {
        const before = members.find((m) => m.userId === entry.userId);
        if (!before) throw new Error(`no member ${entry.userId}`);
        expect(before.allocated - before.used + entry.amount).toBe(entry.balanceAfter);
        expect(entry.seq).toBe(before.seq + 1);
      }
    }
  });

  it('rollover entries carry no idempotency key even when the command had one', () => {
    const rolled = decideRollover(org(), team(), [], fixedContext({ now: DEC_2, idempotencyKey: 'job-9' }));
    expect(rolled?.changes.journal?.every((e) => e.idempotencyKey === null)).toBe(true);
  });

  it('writes a period_started entry on the org chain and the closed period record', () => {
    const rolled = decideRollover(org({ allocated: 5000, seq: 4 }), team(), [], fixedContext({ now: DEC_2 }));
    expect(rolled?.changes.journal?.[0]).toMatchObject({
      type: 'period_started',
      userId: null,
      balanceAfter: null,
      amount: 0,
      seq: 5,
    });
    expect(rolled?.organization.seq).toBe(5);
    expect(rolled?.changes.period).toEqual({
      orgId: 'org-1',
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-12-01T00:00:00.000Z',
      monthlyPool: 10_000,
      topUps: 0,
      allocated: 5000,
      used: 3000,
    });
    expect(rolled?.changes.organization).toEqual(rolled?.organization);
  });

  it('an anchor day changed mid-period never starts the next period before the old one ended', () => {
    const rolled = decideRollover(org({ periodAnchorDay: 15 }), team(), [], fixedContext({ now: DEC_2 }));
    const start = rolled?.organization.periodStart ?? '';
    expect(start >= '2026-12-01T00:00:00.000Z').toBe(true);
    expect(rolled?.organization.periodEnd).toBe('2026-12-15T00:00:00.000Z');
  });

  it('after such a rollover a usage of the old period can no longer be refunded', () => {
    const rolled = decideRollover(org({ periodAnchorDay: 15 }), team(), [], fixedContext({ now: DEC_2 }));
    if (!rolled) throw new Error('expected a rollover');
    const bob = rolled.changes.members?.find((m) => m.userId === 'bob') ?? null;
    const oldUsage = usageEntry({ at: '2026-11-20T12:00:00.000Z' });
    const refund = decideRefund(
      rolled.organization,
      oldUsage,
      bob,
      { usageId: 'usage-1', description: '' },
      0,
      fixedContext({ now: DEC_2 }),
    );
    expect(errValue(refund).code).toBe('period_closed');
  });

  it('with carry, scales allocations down in proportion when they no longer fit the new pool', () => {
    const rolled = decideRollover(
      org({ monthlyPool: 1000, topUps: 4000, allocated: 5000 }),
      [member({ userId: 'ada', allocated: 3000 }), member({ userId: 'bob', allocated: 2000, used: 500 })],
      [],
      fixedContext({ now: DEC_2 }),
    );
    expect(rolled?.changes.members?.map((m) => [m.userId, m.allocated])).toEqual([
      ['ada', 600],
      ['bob', 400],
    ]);
    expect(rolled?.organization).toMatchObject({ allocated: 1000, topUps: 0 });
  });

  it('releases active holds first, journaled before the rollover entry', () => {
    const holding = member({
      allocated: 1000,
      used: 100,
      held: 300,
      holdsExpireAt: '2026-12-05T00:00:00.000Z',
    });
    const hold = {
      id: 'hold-1',
      orgId: 'org-1',
      userId: 'bob',
      amount: 300,
      status: 'active' as const,
      captured: null,
      description: '',
      metadata: null,
      createdAt: '2026-11-30T23:00:00.000Z',
      expiresAt: '2026-12-05T00:00:00.000Z',
      settledAt: null,
    };
    const rolled = decideRollover(org({ allocated: 1000 }), [holding], [hold], fixedContext({ now: DEC_2 }));
    expect(rolled?.changes.journal?.map((e) => e.type)).toEqual([
      'period_started',
      'hold_released',
      'rollover',
    ]);
    expect(rolled?.changes.holds).toEqual([expect.objectContaining({ status: 'released' })]);
    expect(rolled?.changes.members?.[0]).toMatchObject({
      held: 0,
      holdsExpireAt: null,
      used: 0,
      allocated: 1000,
    });
    expect(rolled?.changes.events).toEqual([expect.objectContaining({ type: 'period.rolled_over' })]);
  });
});
