import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { fails, ok } from '../harness/results';

/** overview, members (search, paging) and balance. */
export function readsOverviewSuite(kit: SuiteContext): void {
  describe('reads: overview, members & balance', () => {
    it('overview shows the pool figures of the current period', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const a = await fx.member({ allocation: 300 });
      const b = await fx.member({ allocation: 200 });
      await fx.consume(a.userId, 100);
      await fx.consume(b.userId, 50);
      await ok(fx.allot.submitRequest({ actor: a.actor, orgId: fx.orgId, amount: 10 }));
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toEqual({
        orgId: fx.orgId,
        name: 'Test Org',
        period: { start: '2026-03-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' },
        monthlyPool: 1000,
        topUps: 0,
        pool: 1000,
        allocated: 500,
        unallocated: 500,
        used: 150,
        held: 0,
        remaining: 850,
        usagePercent: 15,
        health: 'green',
        thresholds: { yellow: 70, red: 90 },
        alerts: [],
        memberCount: 3,
        pendingRequests: 1,
      });
    });

    it.each([
      [699, 'green'],
      [700, 'yellow'],
      [899, 'yellow'],
      [900, 'red'],
      [1000, 'red'],
    ] as const)('with default thresholds, %i of 1000 used is %s', async (used, health) => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const m = await fx.member({ allocation: 1000 });
      await fx.consume(m.userId, used);
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview.health).toBe(health);
      expect(overview.usagePercent).toBeCloseTo(used / 10, 5);
    });

    it('health follows the exact share: 6,999 of 10,000 is 69.99 %, shown as 70, and green', async () => {
      const fx = await kit.org({ monthlyPool: 10_000 });
      const m = await fx.member({ allocation: 10_000 });
      await fx.consume(m.userId, 6999);
      await fx.allot.events.flush(); // the post-commit pool-alert check
      const before = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(before).toMatchObject({ usagePercent: 70, health: 'green', alerts: [] });
      await fx.consume(m.userId, 1);
      await fx.allot.events.flush();
      const after = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(after).toMatchObject({ usagePercent: 70, health: 'yellow', alerts: ['yellow'] });
    });

    it('custom thresholds change the health colour', async () => {
      const fx = await kit.org({ monthlyPool: 100, thresholds: { yellow: 20, red: 40 } });
      const m = await fx.member({ allocation: 100 });
      await fx.consume(m.userId, 25);
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).health).toBe('yellow');
      await fx.consume(m.userId, 15);
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).health).toBe('red');
    });

    it('an empty pool reports 0 % used', async () => {
      const fx = await kit.org({ monthlyPool: 0 });
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview).toMatchObject({ usagePercent: 0, health: 'green', remaining: 0, unallocated: 0 });
    });

    it('members lists name, email, role, allocated, used and remaining', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 80, name: 'Grace Hopper' });
      await fx.consume(m.userId, 30);
      const page = await ok(fx.allot.members({ actor: fx.admin, orgId: fx.orgId }));
      expect(page.total).toBe(2);
      expect(page.items.find((x) => x.userId === m.userId)).toMatchObject({
        name: 'Grace Hopper',
        email: m.email,
        role: 'member',
        status: 'active',
        allocated: 80,
        used: 30,
        remaining: 50,
      });
    });

    it('members search matches name or email, case-insensitively', async () => {
      const fx = await kit.org();
      const grace = await fx.member({ name: 'Grace Hopper' });
      const alan = await fx.member({ name: 'Alan Turing', local: 'codebreaker' });
      await fx.member({ name: 'Barbara Liskov' });
      const byName = await ok(fx.allot.members({ actor: fx.admin, orgId: fx.orgId, search: 'hOPPer' }));
      expect(byName.items.map((x) => x.userId)).toEqual([grace.userId]);
      expect(byName.total).toBe(1);
      const byEmail = await ok(fx.allot.members({ actor: fx.admin, orgId: fx.orgId, search: 'CODEBREAK' }));
      expect(byEmail.items.map((x) => x.userId)).toEqual([alan.userId]);
      const none = await ok(
        fx.allot.members({ actor: fx.admin, orgId: fx.orgId, search: 'nobody-like-this' }),
      );
      expect(none).toMatchObject({ items: [], total: 0 });
    });

    it('members pages with limit and offset, covering everyone exactly once', async () => {
      const fx = await kit.org();
      for (let i = 0; i < 6; i++) await fx.member({ name: `Person ${i}` });
      const seen: string[] = [];
      for (let offset = 0; offset < 7; offset += 3) {
        const page = await ok(fx.allot.members({ actor: fx.admin, orgId: fx.orgId, limit: 3, offset }));
        expect(page).toMatchObject({ total: 7, limit: 3, offset });
        expect(page.items.length).toBe(Math.min(3, 7 - offset));
        seen.push(...page.items.map((x) => x.userId));
      }
      expect(new Set(seen).size).toBe(7);
      const beyond = await ok(fx.allot.members({ actor: fx.admin, orgId: fx.orgId, limit: 3, offset: 9 }));
      expect(beyond).toMatchObject({ items: [], total: 7 });
    });

    it('members search and paging combine', async () => {
      const fx = await kit.org();
      for (let i = 0; i < 4; i++) await fx.member({ name: `Team Red ${i}` });
      await fx.member({ name: 'Team Blue' });
      const first = await ok(fx.allot.members({ actor: fx.admin, orgId: fx.orgId, search: 'red', limit: 3 }));
      const second = await ok(
        fx.allot.members({ actor: fx.admin, orgId: fx.orgId, search: 'red', limit: 3, offset: 3 }),
      );
      expect(first.total).toBe(4);
      expect(first.items).toHaveLength(3);
      expect(second.items).toHaveLength(1);
      const ids = [...first.items, ...second.items].map((x) => x.userId);
      expect(new Set(ids).size).toBe(4);
    });

    it('a member reads their own balance with the period dates', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 120 });
      await fx.consume(m.userId, 20);
      const balance = await ok(fx.allot.balance({ actor: m.actor, orgId: fx.orgId }));
      expect(balance).toEqual({
        orgId: fx.orgId,
        userId: m.userId,
        allocated: 120,
        used: 20,
        held: 0,
        remaining: 100,
        period: { start: '2026-03-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' },
      });
    });

    it('an admin may read any member’s balance; the system actor must name the member', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 7 });
      expect(
        (await ok(fx.allot.balance({ actor: fx.admin, orgId: fx.orgId, userId: m.userId }))).remaining,
      ).toBe(7);
      const error = await fails(fx.allot.balance({ actor: fx.system, orgId: fx.orgId }), 'validation');
      expect(error.issues.map((i) => i.path)).toContain('userId');
    });
  });
}
