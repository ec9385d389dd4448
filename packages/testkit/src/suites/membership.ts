import { actors } from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { randomId } from '../harness/random';
import { fails, ok } from '../harness/results';

/** Enrollment by email domain, roles and removal. */
export function membershipSuite(kit: SuiteContext): void {
  describe('enrollment, roles & removal', () => {
    it('enrolls a sign-up whose email domain an organization claims, as a member with no credits', async () => {
      const fx = await kit.org();
      const userId = randomId('user');
      const result = await ok(
        fx.allot.enroll({ actor: fx.system, userId, email: `bo@${fx.domain}`, name: 'Bo' }),
      );
      expect(result).toMatchObject({ outcome: 'enrolled', orgId: fx.orgId });
      expect(result.member).toMatchObject({
        userId,
        role: 'member',
        status: 'active',
        allocated: 0,
        remaining: 0,
      });
      const [entry] = await fx.journal({ userId });
      expect(entry).toMatchObject({ type: 'member_enrolled', amount: 0, balanceAfter: 0, seq: 1 });
    });

    it('matches the email domain case-insensitively and stores the email lower-cased', async () => {
      const fx = await kit.org();
      const result = await ok(
        fx.allot.enroll({
          actor: fx.system,
          userId: randomId('user'),
          email: `Bo.Smith@${fx.domain.toUpperCase()}`,
          name: 'Bo',
        }),
      );
      expect(result.outcome).toBe('enrolled');
      expect(result.member?.email).toBe(`bo.smith@${fx.domain}`);
    });

    it.each([
      ['a suffix trick (acme.com.evil.io)', (d: string) => `${d}.evil.io`],
      ['a look-alike prefix (evil-acme.com)', (d: string) => `evil-${d}`],
      ['a subdomain (sub.acme.com)', (d: string) => `sub.${d}`],
      ['a domain that merely ends the same (xacme.com)', (d: string) => `x${d}`],
    ])('does not enroll %s: exact domain only', async (_label, variant) => {
      const fx = await kit.org();
      const before = await fx.count();
      const result = await ok(
        fx.allot.enroll({
          actor: fx.system,
          userId: randomId('user'),
          email: `eve@${variant(fx.domain)}`,
          name: 'Eve',
        }),
      );
      expect(result).toEqual({ outcome: 'no_matching_org', orgId: null, member: null });
      expect(await fx.count()).toBe(before);
    });

    it('enroll is idempotent: a second enroll of the same user changes nothing', async () => {
      const fx = await kit.org({ defaultAllocation: 10 });
      const userId = randomId('user');
      const call = { actor: fx.system, userId, email: `bo@${fx.domain}`, name: 'Bo' };
      await ok(fx.allot.enroll(call));
      const before = await fx.count();
      const again = await ok(fx.allot.enroll(call));
      expect(again.outcome).toBe('already_member');
      expect(again.member).toMatchObject({ userId, allocated: 10 });
      expect(await fx.count()).toBe(before);
    });

    it('grants the default allocation when the pool has room', async () => {
      const fx = await kit.org({ monthlyPool: 100, defaultAllocation: 40 });
      const m = await fx.member();
      expect(await fx.memberState(m.userId)).toEqual({ allocated: 40, used: 0, remaining: 40 });
      const entries = await fx.journal({ userId: m.userId });
      expect(entries.map((e) => e.type).sort()).toEqual(['allocation', 'member_enrolled']);
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).allocated).toBe(40);
    });

    it('grants nothing when the pool has no room for the default allocation', async () => {
      const fx = await kit.org({ monthlyPool: 100, defaultAllocation: 40 });
      await fx.member();
      await fx.member();
      const third = await fx.member();
      expect(await fx.memberState(third.userId)).toEqual({ allocated: 0, used: 0, remaining: 0 });
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).allocated).toBe(80);
    });

    it('promotes a member to admin, who can then act as admin', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const result = await ok(
        fx.allot.setRole({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, role: 'admin' }),
      );
      expect(result.member.role).toBe('admin');
      const [entry] = await fx.journal({ userId: m.userId, type: ['role_changed'] });
      expect(entry).toMatchObject({ amount: 0, actor: `user:${fx.adminId}` });
      await ok(fx.allot.overview({ actor: m.actor, orgId: fx.orgId }));
    });

    it('setting the role a member already has writes nothing', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      const before = await fx.count();
      const result = await ok(
        fx.allot.setRole({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, role: 'member' }),
      );
      expect(result.member.role).toBe('member');
      expect(await fx.count()).toBe(before);
    });

    it('the last admin cannot be demoted (conflict)', async () => {
      const fx = await kit.org();
      await fails(
        fx.allot.setRole({ actor: fx.admin, orgId: fx.orgId, userId: fx.adminId, role: 'member' }),
        'conflict',
      );
      const members = await ok(fx.allot.members({ actor: fx.admin, orgId: fx.orgId }));
      expect(members.items.find((m) => m.userId === fx.adminId)?.role).toBe('admin');
    });

    it('an admin can step down once another admin exists', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      await ok(fx.allot.setRole({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, role: 'admin' }));
      await ok(fx.allot.setRole({ actor: fx.admin, orgId: fx.orgId, userId: fx.adminId, role: 'member' }));
      await fails(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }), 'forbidden');
    });

    it('the last admin cannot be removed (conflict)', async () => {
      const fx = await kit.org();
      await fails(
        fx.allot.removeMember({ actor: fx.admin, orgId: fx.orgId, userId: fx.adminId }),
        'conflict',
      );
      await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
    });

    it('removing a member returns their remaining credits to the pool', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const m = await fx.member({ allocation: 300 });
      await fx.consume(m.userId, 120);
      const result = await ok(fx.allot.removeMember({ actor: fx.admin, orgId: fx.orgId, userId: m.userId }));
      expect(result.member).toMatchObject({ status: 'removed', remaining: 0, used: 120 });
      const overview = await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }));
      expect(overview.unallocated).toBe(880);
      const entries = await fx.journal({ userId: m.userId });
      expect(entries.slice(0, 2).map((e) => [e.type, e.amount, e.balanceAfter])).toEqual([
        ['member_removed', 0, 0],
        ['revocation', -180, 0],
      ]);
    });

    it('a removed member keeps their history but leaves the member list and loses access', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 50 });
      await fx.consume(m.userId, 5);
      await ok(fx.allot.removeMember({ actor: fx.admin, orgId: fx.orgId, userId: m.userId }));
      const ledger = await ok(
        fx.allot.ledger({ actor: fx.admin, orgId: fx.orgId, filter: { userId: m.userId } }),
      );
      expect(ledger.items.map((e) => e.type)).toContain('usage');
      const active = await ok(fx.allot.members({ actor: fx.admin, orgId: fx.orgId }));
      expect(active.items.map((x) => x.userId)).not.toContain(m.userId);
      const all = await ok(fx.allot.members({ actor: fx.admin, orgId: fx.orgId, includeRemoved: true }));
      expect(all.items.find((x) => x.userId === m.userId)?.status).toBe('removed');
      await fails(fx.allot.balance({ actor: m.actor, orgId: fx.orgId }), 'forbidden');
      await fails(
        fx.allot.consume({
          actor: fx.system,
          orgId: fx.orgId,
          userId: m.userId,
          amount: 1,
          idempotencyKey: randomId(),
        }),
        'not_found',
      );
    });

    it('a removed member who signs up again comes back as an active member', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 50 });
      await ok(fx.allot.setRole({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, role: 'admin' }));
      await ok(fx.allot.removeMember({ actor: fx.admin, orgId: fx.orgId, userId: m.userId }));
      const back = await ok(
        fx.allot.enroll({ actor: fx.system, userId: m.userId, email: m.email, name: m.name }),
      );
      expect(back.outcome).toBe('enrolled');
      expect(back.member).toMatchObject({ status: 'active', role: 'member', remaining: 0 });
      await ok(fx.allot.balance({ actor: m.actor, orgId: fx.orgId }));
    });

    it('removing, assigning to or changing the role of an unknown member is not_found', async () => {
      const fx = await kit.org();
      const ghost = randomId('ghost');
      await fails(fx.allot.removeMember({ actor: fx.admin, orgId: fx.orgId, userId: ghost }), 'not_found');
      await fails(
        fx.allot.setRole({ actor: fx.admin, orgId: fx.orgId, userId: ghost, role: 'admin' }),
        'not_found',
      );
      const removed = await fx.member();
      await ok(fx.allot.removeMember({ actor: fx.admin, orgId: fx.orgId, userId: removed.userId }));
      await fails(
        fx.allot.removeMember({ actor: fx.admin, orgId: fx.orgId, userId: removed.userId }),
        'not_found',
      );
    });

    it('member counts follow enrollment and removal', async () => {
      const fx = await kit.org();
      const a = await fx.member();
      await fx.member();
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).memberCount).toBe(3);
      await ok(fx.allot.removeMember({ actor: actors.system(), orgId: fx.orgId, userId: a.userId }));
      expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).memberCount).toBe(2);
    });
  });
}
