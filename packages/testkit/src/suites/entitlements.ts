import { actors } from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { randomId, uniqueDomain } from '../harness/random';
import { fails, ok } from '../harness/results';

/**
 * Who may change the pool, claim email domains and approve: the pool (monthly pool, top-ups) is
 * the server's unless `adminsManagePool`, domains are the server's always, public email
 * providers can never be claimed, and `forbidSelfApproval` keeps admins off their own requests.
 */
export function entitlementsSuite(kit: SuiteContext): void {
  describe('who may change the pool, claim domains and approve', () => {
    it('by default an admin may not change the monthly pool or top up, and the refusal writes nothing', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const before = await fx.count();
      const pool = await fails(
        fx.allot.updateSettings({ actor: fx.admin, orgId: fx.orgId, monthlyPool: 5000, name: 'Mine' }),
        'forbidden',
      );
      expect(pool.message).toMatch(/system actor/);
      expect(pool.message).toContain('adminsManagePool');
      const topUp = await fails(
        fx.allot.topUp({ actor: fx.admin, orgId: fx.orgId, amount: 500 }),
        'forbidden',
      );
      expect(topUp.message).toMatch(/system actor/);
      expect(await fx.count()).toBe(before);
      const settings = await ok(fx.allot.getSettings({ actor: fx.admin, orgId: fx.orgId }));
      expect(settings).toMatchObject({ monthlyPool: 1000, name: 'Test Org' });
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).topUps).toBe(0);
    });

    it('the system actor changes the monthly pool and tops up', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      await ok(fx.allot.updateSettings({ actor: fx.system, orgId: fx.orgId, monthlyPool: 2000 }));
      const topUp = await ok(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 500 }));
      expect(topUp).toMatchObject({ topUps: 500, pool: 2500 });
      expect(topUp.entry.actor).toBe('system');
    });

    it('an admin still edits every other setting, and may resend the unchanged monthly pool', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const updated = await ok(
        fx.allot.updateSettings({
          actor: fx.admin,
          orgId: fx.orgId,
          monthlyPool: 1000,
          name: 'Renamed',
          thresholds: { yellow: 60, red: 80 },
          rolloverPolicy: 'reset',
          defaultAllocation: 5,
          periodAnchorDay: 15,
          memberAlerts: { remainingBelow: 20, remainingBelowPercent: null },
        }),
      );
      expect(updated).toMatchObject({
        monthlyPool: 1000,
        name: 'Renamed',
        thresholds: { yellow: 60, red: 80 },
        rolloverPolicy: 'reset',
        defaultAllocation: 5,
        periodAnchorDay: 15,
      });
      const [latest] = await fx.journal();
      expect(latest).toMatchObject({ type: 'settings_changed', actor: `user:${fx.adminId}` });
      expect(latest?.description).not.toContain('monthlyPool');
    });

    it('with adminsManagePool an admin changes the monthly pool and tops up, journaled as the admin', async () => {
      const fx = await kit.org({ monthlyPool: 1000, access: { adminsManagePool: true } });
      const updated = await ok(
        fx.allot.updateSettings({ actor: fx.admin, orgId: fx.orgId, monthlyPool: 3000 }),
      );
      expect(updated.monthlyPool).toBe(3000);
      const topUp = await ok(fx.allot.topUp({ actor: fx.admin, orgId: fx.orgId, amount: 250 }));
      expect(topUp).toMatchObject({ topUps: 250, pool: 3250 });
      expect(topUp.entry.actor).toBe(`user:${fx.adminId}`);
      const m = await fx.member();
      await fails(fx.allot.topUp({ actor: m.actor, orgId: fx.orgId, amount: 1 }), 'forbidden');
      await fails(fx.allot.updateSettings({ actor: m.actor, orgId: fx.orgId, monthlyPool: 1 }), 'forbidden');
    });

    it.each([
      ['by default', {}],
      ['with adminsManagePool', { adminsManagePool: true }],
    ])('%s only the system actor claims email domains', async (_label, access) => {
      const fx = await kit.org({ access });
      const before = await fx.count();
      for (const domains of [[fx.domain, uniqueDomain()], [], [uniqueDomain()]]) {
        const error = await fails(
          fx.allot.updateSettings({ actor: fx.admin, orgId: fx.orgId, domains }),
          'forbidden',
        );
        expect(error.message).toMatch(/system actor\) may claim email domains/);
      }
      expect(await fx.count()).toBe(before);
      expect((await ok(fx.allot.getSettings({ actor: fx.admin, orgId: fx.orgId }))).domains).toEqual([
        fx.domain,
      ]);
      await ok(fx.allot.updateSettings({ actor: fx.admin, orgId: fx.orgId, domains: [fx.domain] }));
      const claimed = uniqueDomain();
      await ok(fx.allot.updateSettings({ actor: fx.system, orgId: fx.orgId, domains: [fx.domain, claimed] }));
      const joined = await ok(
        fx.allot.enroll({ actor: fx.system, userId: randomId('user'), email: `new@${claimed}`, name: 'New' }),
      );
      expect(joined).toMatchObject({ outcome: 'enrolled', orgId: fx.orgId });
    });

    it.each(['gmail.com', 'Outlook.com', 'YAHOO.COM'])(
      'no one, not even the system actor, claims the public provider %s (validation naming domains)',
      async (publicDomain) => {
        const id = randomId('org');
        const created = await fails(
          kit.allot().allot.createOrganization({
            actor: actors.system(),
            id,
            name: 'Squatter',
            domains: [uniqueDomain(), publicDomain],
            monthlyPool: 10,
            admins: [{ userId: 'sq', email: `sq@${uniqueDomain()}`, name: 'Sq' }],
          }),
          'validation',
        );
        expect(created.issues.map((i) => i.path)).toEqual(['domains.1']);
        expect(created.message).toContain(publicDomain.toLowerCase());
        expect(await kit.store.getOrganization({ orgId: id })).toBeNull();

        const fx = await kit.org({ access: { adminsManagePool: true } });
        const before = await fx.count();
        const updated = await fails(
          fx.allot.updateSettings({ actor: fx.system, orgId: fx.orgId, domains: [publicDomain] }),
          'validation',
        );
        expect(updated.issues.map((i) => i.path)).toEqual(['domains.0']);
        expect(updated.message).toContain(publicDomain.toLowerCase());
        expect(await fx.count()).toBe(before);
        const enrolled = await ok(
          fx.allot.enroll({
            actor: fx.system,
            userId: randomId('user'),
            email: `someone@${publicDomain}`,
            name: 'Someone',
          }),
        );
        expect(enrolled.outcome).toBe('no_matching_org');
      },
    );

    it('by default an admin may approve their own request', async () => {
      const fx = await kit.org();
      const own = await ok(fx.allot.submitRequest({ actor: fx.admin, orgId: fx.orgId, amount: 30 }));
      const approved = await ok(
        fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId: own.id }),
      );
      expect(approved.request.status).toBe('approved');
    });

    it('with forbidSelfApproval an admin may not approve their own request; another admin or the server may', async () => {
      const fx = await kit.org({ access: { forbidSelfApproval: true } });
      const own = await ok(fx.allot.submitRequest({ actor: fx.admin, orgId: fx.orgId, amount: 30 }));
      const before = await fx.count();
      const error = await fails(
        fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId: own.id }),
        'forbidden',
      );
      expect(error.message).toMatch(/your own credit request/);
      expect(await fx.count()).toBe(before);
      expect((await fx.store.getRequest({ orgId: fx.orgId, requestId: own.id }))?.status).toBe('pending');

      const second = await fx.member();
      await ok(fx.allot.setRole({ actor: fx.admin, orgId: fx.orgId, userId: second.userId, role: 'admin' }));
      const approved = await ok(
        fx.allot.approveRequest({ actor: second.actor, orgId: fx.orgId, requestId: own.id }),
      );
      expect(approved.request).toMatchObject({ status: 'approved', decidedBy: `user:${second.userId}` });

      const theirs = await ok(fx.allot.submitRequest({ actor: second.actor, orgId: fx.orgId, amount: 5 }));
      await ok(fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId: theirs.id }));
      const again = await ok(fx.allot.submitRequest({ actor: fx.admin, orgId: fx.orgId, amount: 5 }));
      await ok(fx.allot.approveRequest({ actor: fx.system, orgId: fx.orgId, requestId: again.id }));
      const withdrawn = await ok(fx.allot.submitRequest({ actor: fx.admin, orgId: fx.orgId, amount: 1 }));
      const rejected = await ok(
        fx.allot.rejectRequest({ actor: fx.admin, orgId: fx.orgId, requestId: withdrawn.id }),
      );
      expect(rejected.status).toBe('rejected'); // rejecting one's own request moves no credits
    });
  });
}
