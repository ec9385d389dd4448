import { describe, expect, it } from 'vitest';
import { memberAlertUpdate, poolAlertUpdate } from './alerts';
import { fixedContext, member, org } from './fixtures.test-helpers';

const percent = { remainingBelow: null, remainingBelowPercent: 10 };

describe('memberAlertUpdate', () => {
  it('fires once when remaining drops below the percentage of the allocation', () => {
    const below = memberAlertUpdate(percent, member({ allocated: 1000, used: 950 }), fixedContext());
    expect(below.member.alerts).toEqual({ remaining_below_percent: 'active' });
    expect(below.events).toEqual([
      expect.objectContaining({
        type: 'alert.triggered',
        alert: {
          scope: 'member',
          userId: 'bob',
          threshold: 'remaining_below_percent',
          limit: 10,
          remaining: 50,
          allocated: 1000,
        },
      }),
    ]);
    const again = memberAlertUpdate(percent, { ...below.member, used: 990 }, fixedContext());
    expect(again.events).toEqual([]);
  });

  it('recovers when remaining is back above, and stays quiet for the rest of the period', () => {
    const active = member({ allocated: 1000, used: 950, alerts: { remaining_below_percent: 'active' } });
    const recovered = memberAlertUpdate(percent, { ...active, allocated: 2000 }, fixedContext());
    expect(recovered.events.map((e) => e.type)).toEqual(['alert.recovered']);
    expect(recovered.member.alerts).toEqual({ remaining_below_percent: 'cleared' });
    expect(memberAlertUpdate(percent, { ...recovered.member, used: 1990 }, fixedContext()).events).toEqual(
      [],
    );
  });

  it('counts held credits and checks the credit threshold', () => {
    const settings = { remainingBelow: 100, remainingBelowPercent: null };
    const update = memberAlertUpdate(
      settings,
      member({ allocated: 1000, used: 500, held: 450 }),
      fixedContext(),
    );
    expect(update.events.map((e) => e.type === 'alert.triggered' && e.alert.threshold)).toEqual([
      'remaining_below',
    ]);
  });

  it('never fires for a member without an allocation, nor for removed members', () => {
    expect(memberAlertUpdate(percent, member(), fixedContext()).events).toEqual([]);
    expect(
      memberAlertUpdate({ remainingBelow: 50, remainingBelowPercent: null }, member(), fixedContext()).events,
    ).toEqual([]);
    expect(
      memberAlertUpdate(percent, member({ allocated: 10, used: 10, status: 'removed' }), fixedContext())
        .events,
    ).toEqual([]);
  });

  it('clears an active alert whose threshold was switched off', () => {
    const active = member({ allocated: 1000, used: 990, alerts: { remaining_below_percent: 'active' } });
    const off = { remainingBelow: null, remainingBelowPercent: null };
    expect(memberAlertUpdate(off, active, fixedContext()).events.map((e) => e.type)).toEqual([
      'alert.recovered',
    ]);
  });
});

describe('poolAlertUpdate', () => {
  it('fires yellow then red once each as usage crosses the lines of the pool with top-ups', () => {
    const pool = org({ monthlyPool: 8000, topUps: 2000 });
    const yellow = poolAlertUpdate(pool, { used: 7000 }, fixedContext());
    expect(yellow?.events).toEqual([
      expect.objectContaining({
        type: 'alert.triggered',
        alert: { scope: 'pool', threshold: 'yellow', limit: 70, usagePercent: 70, used: 7000, pool: 10_000 },
      }),
    ]);
    expect(poolAlertUpdate(yellow?.organization ?? pool, { used: 7500 }, fixedContext())).toBeNull();
    const red = poolAlertUpdate(yellow?.organization ?? pool, { used: 9000 }, fixedContext());
    expect(red?.events.map((e) => e.type === 'alert.triggered' && e.alert.threshold)).toEqual(['red']);
    expect(red?.organization.alerts).toEqual({ yellow: 'active', red: 'active' });
  });

  it('recovers both when usage drops below the yellow line', () => {
    const alerted = org({ alerts: { yellow: 'active', red: 'active' } });
    const update = poolAlertUpdate(alerted, { used: 100 }, fixedContext());
    expect(update?.events.map((e) => e.type)).toEqual(['alert.recovered', 'alert.recovered']);
    expect(update?.organization.alerts).toEqual({ yellow: 'cleared', red: 'cleared' });
  });

  it('crosses a line on the exact share, as the health colour does (69.99 % is not 70 %)', () => {
    const pool = org({ monthlyPool: 10_000 });
    expect(poolAlertUpdate(pool, { used: 6999 }, fixedContext())).toBeNull();
    const fired = poolAlertUpdate(pool, { used: 7000 }, fixedContext());
    expect(fired?.organization.alerts).toEqual({ yellow: 'active' });
    // Back to 69.99 %: below the line again, though the rounded figure still reads 70.
    const recovered = poolAlertUpdate(fired?.organization ?? pool, { used: 6999 }, fixedContext());
    expect(recovered?.events).toEqual([
      expect.objectContaining({
        type: 'alert.recovered',
        alert: expect.objectContaining({ usagePercent: 70 }),
      }),
    ]);
  });

  it('is null when nothing moves', () => {
    expect(poolAlertUpdate(org(), { used: 0 }, fixedContext())).toBeNull();
  });
});
