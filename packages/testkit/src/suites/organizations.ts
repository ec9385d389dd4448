import { actors } from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { randomId, uniqueDomain } from '../harness/random';
import { fails, ok } from '../harness/results';

/** Creating organizations and changing their settings. */
export function organizationsSuite(kit: SuiteContext): void {
  describe('organizations & settings', () => {
    it('creates an organization with the documented defaults and journals it', async () => {
      const { allot } = kit.allot();
      const domain = uniqueDomain();
      const org = await ok(
        allot.createOrganization({
          actor: actors.system(),
          name: 'Acme',
          domains: [domain],
          monthlyPool: 500,
          admins: [{ userId: randomId('admin'), email: `ada@${domain}`, name: 'Ada' }],
        }),
      );
      kit.track(org.id);
      expect(org).toMatchObject({
        name: 'Acme',
        domains: [domain],
        monthlyPool: 500,
        periodAnchorDay: 1,
        thresholds: { yellow: 70, red: 90 },
        rolloverPolicy: 'carry',
        defaultAllocation: 0,
      });
      expect(org.id.length).toBeGreaterThan(0);
      const stored = await kit.store.getOrganization({ orgId: org.id });
      expect(stored).toMatchObject({ id: org.id, allocated: 0, monthlyPool: 500 });
    });

    it('uses the id the host chose and makes the seeded users admins', async () => {
      const fx = await kit.org();
      expect(fx.org.id).toBe(fx.orgId);
      const members = await ok(fx.allot.members({ actor: fx.admin, orgId: fx.orgId }));
      expect(members.items).toHaveLength(1);
      expect(members.items[0]).toMatchObject({ userId: fx.adminId, role: 'admin', allocated: 0, used: 0 });
      const types = (await fx.journal()).map((e) => e.type).sort();
      expect(types).toEqual(['member_enrolled', 'organization_created']);
    });

    it('refuses a second organization with the same id (conflict)', async () => {
      const fx = await kit.org();
      const domain = uniqueDomain();
      await fails(
        fx.allot.createOrganization({
          actor: fx.system,
          id: fx.orgId,
          name: 'Copy',
          domains: [domain],
          monthlyPool: 1,
          admins: [{ userId: 'x', email: `x@${domain}`, name: 'X' }],
        }),
        'conflict',
      );
      expect((await kit.store.getOrganization({ orgId: fx.orgId }))?.name).toBe('Test Org');
    });

    it('refuses to create an organization claiming a domain another one owns (conflict)', async () => {
      const fx = await kit.org();
      const id = randomId('org');
      await fails(
        fx.allot.createOrganization({
          actor: fx.system,
          id,
          name: 'Squatter',
          domains: [fx.domain.toUpperCase()],
          monthlyPool: 1,
          admins: [{ userId: 'x', email: `x@${fx.domain}`, name: 'X' }],
        }),
        'conflict',
      );
      expect(await kit.store.getOrganization({ orgId: id })).toBeNull();
    });

    it('stores domains lower-cased and without duplicates', async () => {
      const { allot } = kit.allot();
      const domain = uniqueDomain();
      const org = await ok(
        allot.createOrganization({
          actor: actors.system(),
          name: 'Dupes',
          domains: [domain.toUpperCase(), domain],
          monthlyPool: 10,
          admins: [{ userId: randomId('admin'), email: `a@${domain}`, name: 'A' }],
        }),
      );
      kit.track(org.id);
      expect(org.domains).toEqual([domain]);
    });

    it('refuses two admins with the same user id (validation)', async () => {
      const { allot } = kit.allot();
      const domain = uniqueDomain();
      const id = randomId('org');
      const error = await fails(
        allot.createOrganization({
          actor: actors.system(),
          id,
          name: 'Twins',
          domains: [domain],
          monthlyPool: 10,
          admins: [
            { userId: 'same', email: `a@${domain}`, name: 'A' },
            { userId: 'same', email: `b@${domain}`, name: 'B' },
          ],
        }),
        'validation',
      );
      expect(error.issues.map((i) => i.path)).toContain('admins');
      expect(await kit.store.getOrganization({ orgId: id })).toBeNull();
    });

    it('getSettings returns the settings the admin sees', async () => {
      const fx = await kit.org({ monthlyPool: 700, rolloverPolicy: 'reset', defaultAllocation: 5 });
      const settings = await ok(fx.allot.getSettings({ actor: fx.admin, orgId: fx.orgId }));
      expect(settings).toMatchObject({
        id: fx.orgId,
        monthlyPool: 700,
        rolloverPolicy: 'reset',
        defaultAllocation: 5,
      });
    });

    it('updateSettings changes only what it is given and journals settings_changed', async () => {
      const fx = await kit.org();
      const before = await fx.count();
      const updated = await ok(
        fx.allot.updateSettings({ actor: fx.system, orgId: fx.orgId, monthlyPool: 2000, name: 'Renamed' }),
      );
      expect(updated).toMatchObject({
        monthlyPool: 2000,
        name: 'Renamed',
        domains: [fx.domain],
        periodAnchorDay: 1,
      });
      const [latest] = await fx.journal();
      expect(latest).toMatchObject({ type: 'settings_changed', userId: null, amount: 0 });
      expect(await fx.count()).toBe(before + 1);
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview.monthlyPool).toBe(2000);
    });

    it('updateSettings with unchanged values writes nothing', async () => {
      const fx = await kit.org({ monthlyPool: 300 });
      const before = await fx.count();
      await ok(fx.allot.updateSettings({ actor: fx.admin, orgId: fx.orgId, monthlyPool: 300 })); // unchanged: no pool change
      expect(await fx.count()).toBe(before);
    });

    it('refuses to lower the monthly pool below what is allocated (insufficient_pool)', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const m = await fx.member({ allocation: 600 });
      await fails(
        fx.allot.updateSettings({ actor: fx.system, orgId: fx.orgId, monthlyPool: 599 }),
        'insufficient_pool',
      );
      expect((await ok(fx.allot.getSettings({ actor: fx.admin, orgId: fx.orgId }))).monthlyPool).toBe(1000);
      await ok(fx.allot.updateSettings({ actor: fx.system, orgId: fx.orgId, monthlyPool: 600 }));
      expect((await fx.memberState(m.userId)).allocated).toBe(600);
    });

    it('refuses to take a domain another organization owns (conflict)', async () => {
      const a = await kit.org();
      const b = await kit.org();
      await fails(
        b.allot.updateSettings({ actor: b.system, orgId: b.orgId, domains: [a.domain] }),
        'conflict',
      );
      expect((await ok(b.allot.getSettings({ actor: b.admin, orgId: b.orgId }))).domains).toEqual([b.domain]);
    });

    it('a domain given up by one organization can be claimed and enrolls into the new owner', async () => {
      const a = await kit.org();
      const b = await kit.org();
      await ok(a.allot.updateSettings({ actor: a.system, orgId: a.orgId, domains: [] }));
      await ok(b.allot.updateSettings({ actor: b.system, orgId: b.orgId, domains: [b.domain, a.domain] }));
      const result = await ok(
        b.allot.enroll({ actor: b.system, userId: randomId('user'), email: `new@${a.domain}`, name: 'New' }),
      );
      expect(result.outcome).toBe('enrolled');
      expect(result.orgId).toBe(b.orgId);
    });

    it('computes the billing period from the anchor day in UTC', async () => {
      const fx = await kit.org({ periodAnchorDay: 15, start: '2026-03-10T12:00:00.000Z' });
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview.period).toEqual({ start: '2026-02-15T00:00:00.000Z', end: '2026-03-15T00:00:00.000Z' });
      const other = await kit.org({ periodAnchorDay: 1, start: '2026-12-31T23:59:59.000Z' });
      const period = (await ok(other.allot.overview({ actor: other.admin, orgId: other.orgId }))).period;
      expect(period).toEqual({ start: '2026-12-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });
    });

    it('reads of an unknown organization are not_found for the system actor', async () => {
      const { allot } = kit.allot();
      await fails(allot.overview({ actor: actors.system(), orgId: randomId('missing') }), 'not_found');
    });
  });
}
