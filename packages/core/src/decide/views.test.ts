import { describe, expect, it } from 'vitest';
import { member, org } from './fixtures.test-helpers';
import { computeBalance, computeOverview, healthOf } from './views';

const thresholds = { yellow: 70, red: 90 };

describe('healthOf', () => {
  it.each([
    [0, 'green'],
    [69.9, 'green'],
    [70, 'yellow'],
    [89.9, 'yellow'],
    [90, 'red'],
    [100, 'red'],
  ] as const)('%s %% used is %s', (percent, colour) => {
    expect(healthOf(percent, thresholds)).toBe(colour);
  });

  it('equal thresholds skip yellow', () => {
    expect(healthOf(49.9, { yellow: 50, red: 50 })).toBe('green');
    expect(healthOf(50, { yellow: 50, red: 50 })).toBe('red');
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
