import { describe, expect, it } from 'vitest';
import { member, org } from './fixtures.test-helpers';
import { computeBalance, computeOverview, healthOf, reachesPercent } from './views';

const thresholds = { yellow: 70, red: 90 };

describe('healthOf', () => {
  it.each([
    [0, 'green'],
    [6_990, 'green'],
    [6_999, 'green'], // 69.99 %: rounds to 70 for display, but is below the yellow line
    [7_000, 'yellow'],
    [8_999, 'yellow'],
    [9_000, 'red'],
    [10_000, 'red'],
    [12_000, 'red'],
  ] as const)('%i of 10,000 used is %s', (used, colour) => {
    expect(healthOf({ used, pool: 10_000 }, thresholds)).toBe(colour);
  });

  it('equal thresholds skip yellow', () => {
    expect(healthOf({ used: 499, pool: 1000 }, { yellow: 50, red: 50 })).toBe('green');
    expect(healthOf({ used: 500, pool: 1000 }, { yellow: 50, red: 50 })).toBe('red');
  });

  it('an empty pool is green unless a threshold is 0 %', () => {
    expect(healthOf({ used: 0, pool: 0 }, thresholds)).toBe('green');
    expect(healthOf({ used: 0, pool: 0 }, { yellow: 0, red: 90 })).toBe('yellow');
  });
});

describe('reachesPercent', () => {
  it('compares the exact share, not a rounded or floating-point one', () => {
    expect(reachesPercent(6_999, 10_000, 70)).toBe(false);
    expect(reachesPercent(7_000, 10_000, 70)).toBe(true);
    // 29 / 100 * 100 is 28.999999999999996 in floating point.
    expect(reachesPercent(29, 100, 29)).toBe(true);
    expect(reachesPercent(28, 100, 29)).toBe(false);
  });

  it('takes thresholds with decimals exactly', () => {
    expect(reachesPercent(7_010, 10_000, 70.1)).toBe(true);
    expect(reachesPercent(7_009, 10_000, 70.1)).toBe(false);
    expect(reachesPercent(1, 10_000_000, 0.00001)).toBe(true);
    expect(reachesPercent(0, 10_000_000, 0.00001)).toBe(false);
  });

  it('stays exact at the largest safe credit figures', () => {
    const pool = Number.MAX_SAFE_INTEGER; // 9,007,199,254,740,991
    // 70 % of it is 6,305,039,478,318,693.7: one credit below is under the line, the next reaches it.
    expect(reachesPercent(6_305_039_478_318_693, pool, 70)).toBe(false);
    expect(reachesPercent(6_305_039_478_318_694, pool, 70)).toBe(true);
  });

  it('treats an empty pool as 0 % used', () => {
    expect(reachesPercent(0, 0, 0)).toBe(true);
    expect(reachesPercent(0, 0, 1)).toBe(false);
  });
});

describe('computeOverview', () => {
  it('derives every pool figure', () => {
    const overview = computeOverview(
      org({ monthlyPool: 10_000, allocated: 6000 }),
      { used: 7000, held: 0, activeMembers: 4 },
      2,
    );
    expect(overview).toEqual({
      orgId: 'org-1',
      name: 'Acme',
      period: { start: '2026-11-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' },
      monthlyPool: 10_000,
      topUps: 0,
      pool: 10_000,
      allocated: 6000,
      unallocated: 4000,
      used: 7000,
      held: 0,
      remaining: 3000,
      usagePercent: 70,
      health: 'yellow',
      thresholds,
      alerts: [],
      memberCount: 4,
      pendingRequests: 2,
    });
  });

  it('rounds the usage percentage to one decimal', () => {
    expect(
      computeOverview(org({ monthlyPool: 3 }), { used: 1, held: 0, activeMembers: 1 }, 0).usagePercent,
    ).toBe(33.3);
    expect(
      computeOverview(org({ monthlyPool: 10_000 }), { used: 6994, held: 0, activeMembers: 1 }, 0)
        .usagePercent,
    ).toBe(69.9);
  });

  it('colours by the exact share while usagePercent is rounded for display', () => {
    const overview = computeOverview(
      org({ monthlyPool: 10_000 }),
      { used: 6999, held: 0, activeMembers: 1 },
      0,
    );
    expect(overview).toMatchObject({ usagePercent: 70, health: 'green' });
  });

  it('a zero pool is 0 % used and green', () => {
    const overview = computeOverview(org({ monthlyPool: 0 }), { used: 0, held: 0, activeMembers: 1 }, 0);
    expect(overview).toMatchObject({ usagePercent: 0, health: 'green', remaining: 0, unallocated: 0 });
  });

  it('never reports a negative remaining when usage exceeds a lowered pool', () => {
    const overview = computeOverview(org({ monthlyPool: 100 }), { used: 150, held: 0, activeMembers: 1 }, 0);
    expect(overview.remaining).toBe(0);
    expect(overview.health).toBe('red');
  });
});

describe('computeBalance', () => {
  it("is the member's allocation, usage, remaining and the period", () => {
    expect(computeBalance(org(), member({ allocated: 500, used: 120 }))).toEqual({
      orgId: 'org-1',
      userId: 'bob',
      allocated: 500,
      used: 120,
      held: 0,
      remaining: 380,
      period: { start: '2026-11-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' },
    });
  });
});
