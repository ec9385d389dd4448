import { actors } from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { OPERATIONS, prepareTargets } from '../harness/operations';
import { fails, ok } from '../harness/results';

const adminOrSystemOnly = OPERATIONS.filter((op) => op.requirement !== 'member');
const systemOnly = OPERATIONS.filter((op) => op.requirement === 'system');

/** Roles inside one organization: members, admins and the system actor. */
export function authorizationSuite(kit: SuiteContext): void {
  describe('authorization', () => {
    it.each(adminOrSystemOnly.map((op) => [op.name, op] as const))(
      'a member calling %s is forbidden and nothing is written',
      async (_name, op) => {
        const fx = await kit.org();
        const t = await prepareTargets(fx);
        const plain = await fx.member();
        const before = await fx.count();
        await fails(op.call(fx.allot, plain.actor, t), 'forbidden');
        expect(await fx.count()).toBe(before);
      },
    );

    it.each(systemOnly.map((op) => [op.name, op] as const))(
      '%s is for the system actor only: an admin is forbidden',
      async (_name, op) => {
        const fx = await kit.org();
        const t = await prepareTargets(fx);
        const before = await fx.count();
        await fails(op.call(fx.allot, fx.admin, t), 'forbidden');
        expect(await fx.count()).toBe(before);
      },
    );

    it('a member sees only their own ledger entries', async () => {
      const fx = await kit.org();
      const a = await fx.member({ allocation: 10 });
      const b = await fx.member({ allocation: 10 });
      await fx.consume(b.userId, 3);
      const page = await ok(fx.allot.ledger({ actor: a.actor, orgId: fx.orgId, limit: 500 }));
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((e) => e.userId === a.userId)).toBe(true);
      await fails(
        fx.allot.ledger({ actor: a.actor, orgId: fx.orgId, filter: { userId: b.userId } }),
        'forbidden',
      );
      const own = await ok(
        fx.allot.ledger({ actor: a.actor, orgId: fx.orgId, filter: { userId: a.userId } }),
      );
      expect(own.items.map((e) => e.id)).toEqual(page.items.map((e) => e.id));
    });

    it('a member sees only their own requests', async () => {
      const fx = await kit.org();
      const a = await fx.member();
      const b = await fx.member();
      const mine = await ok(fx.allot.submitRequest({ actor: a.actor, orgId: fx.orgId, amount: 1 }));
      await ok(fx.allot.submitRequest({ actor: b.actor, orgId: fx.orgId, amount: 1 }));
      const page = await ok(fx.allot.requests({ actor: a.actor, orgId: fx.orgId }));
      expect(page.items.map((r) => r.id)).toEqual([mine.id]);
      await fails(fx.allot.requests({ actor: a.actor, orgId: fx.orgId, userId: b.userId }), 'forbidden');
    });

    it('a member sees only their own balance and summary', async () => {
      const fx = await kit.org();
      const a = await fx.member({ allocation: 10 });
      const b = await fx.member({ allocation: 20 });
      await fx.consume(b.userId, 5);
      await fails(fx.allot.balance({ actor: a.actor, orgId: fx.orgId, userId: b.userId }), 'forbidden');
      expect(await ok(fx.allot.summary({ actor: a.actor, orgId: fx.orgId }))).toEqual({
        usage: 0,
        allocated: 10,
        revoked: 0,
        refunded: 0,
      });
      await fails(
        fx.allot.summary({ actor: a.actor, orgId: fx.orgId, filter: { userId: b.userId } }),
        'forbidden',
      );
      await fails(
        fx.allot.exportCsv({ actor: a.actor, orgId: fx.orgId, filter: { userId: b.userId } }),
        'forbidden',
      );
    });

    it('roles come from Allot’s records: a demoted admin loses admin rights at once', async () => {
      const fx = await kit.org();
      const m = await fx.member();
      await ok(fx.allot.setRole({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, role: 'admin' }));
      await ok(fx.allot.members({ actor: m.actor, orgId: fx.orgId }));
      await ok(fx.allot.setRole({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, role: 'member' }));
      await fails(fx.allot.members({ actor: m.actor, orgId: fx.orgId }), 'forbidden');
    });

    it('a user who is not a member of the organization is forbidden everywhere', async () => {
      const fx = await kit.org();
      const t = await prepareTargets(fx);
      const stranger = actors.user(fx.orgId, 'nobody-at-all');
      const before = await fx.count();
      for (const op of OPERATIONS) {
        const result = await op.call(fx.allot, stranger, t);
        expect(
          result.match(
            () => 'ok',
            (e) => e.code,
          ),
          op.name,
        ).toBe('forbidden');
      }
      expect(await fx.count()).toBe(before);
    });

    it('the system actor may do every admin command', async () => {
      const fx = await kit.org();
      const t = await prepareTargets(fx);
      await ok(fx.allot.assign({ actor: fx.system, orgId: fx.orgId, userId: t.userId, total: 150 }));
      await ok(fx.allot.approveRequest({ actor: fx.system, orgId: fx.orgId, requestId: t.requestId }));
      const [entry] = await fx.journal({ userId: t.userId, type: ['allocation'] });
      expect(entry).toMatchObject({ actor: 'system', amount: 20 });
      expect((await ok(fx.allot.overview({ actor: fx.system, orgId: fx.orgId }))).allocated).toBe(170);
    });
  });
}
