import { actors } from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { randomId } from '../harness/random';
import { fails, ok } from '../harness/results';

/** A person's actor names their organization, so their calls need not repeat `orgId`. */
export function orgFromActorSuite(kit: SuiteContext): void {
  describe('the organization from the actor', () => {
    it('an admin’s and a member’s calls without orgId act in their own organization', async () => {
      const fx = await kit.org({ monthlyPool: 1000 });
      const m = await fx.member({ allocation: 100 });
      const ada = actors.user(fx.orgId, fx.adminId);
      const bob = actors.user(fx.orgId, m.userId);
      expect(await ok(fx.allot.overview({ actor: ada }))).toEqual(
        await ok(fx.allot.overview({ actor: ada, orgId: fx.orgId })),
      );
      await ok(fx.allot.assign({ actor: ada, userId: m.userId, total: 150 }));
      const request = await ok(fx.allot.submitRequest({ actor: bob, amount: 20, message: 'More' }));
      expect(request.orgId).toBe(fx.orgId);
      expect(await ok(fx.allot.balance({ actor: bob }))).toMatchObject({ orgId: fx.orgId, allocated: 150 });
    });

    it('the system actor still names the organization: without it, a validation error on orgId', async () => {
      const fx = await kit.org();
      const error = await fails(fx.allot.overview({ actor: actors.system() } as never), 'validation');
      expect(error.issues.map((i) => i.path)).toEqual(['orgId']);
    });

    it('a person naming another organization is refused, as before', async () => {
      const fx = await kit.org();
      const other = await kit.org();
      const before = await other.count();
      await fails(
        fx.allot.topUp({ actor: actors.user(fx.orgId, fx.adminId), orgId: other.orgId, amount: 5 }),
        'forbidden',
      );
      await fails(
        fx.allot.overview({ actor: actors.user(fx.orgId, fx.adminId), orgId: other.orgId }),
        'forbidden',
      );
      expect(await other.count()).toBe(before);
    });

    it('a person of an organization that does not exist is refused, never told whether it exists', async () => {
      const fx = await kit.org();
      await fails(fx.allot.overview({ actor: actors.user(randomId('org'), 'ada') }), 'forbidden');
    });
  });
}
