import { type Allot, actors } from '@allot/core';
import { must } from '../support/results';
import type { Ids } from './methods';

/**
 * Makes the organization junk calls aim at (admin `admin`, member `m1` with 100 credits, a usage,
 * an active hold and a pending request) and returns its ids. `tag` keeps the domain unique on a
 * shared store.
 */
export async function seedHostileOrg(allot: Allot, tag = 'hostile'): Promise<Ids> {
  const system = actors.system();
  const domain = `${tag}.test`;
  const org = await must(
    allot.createOrganization({
      actor: system,
      name: 'Hostile',
      domains: [domain],
      monthlyPool: 1000,
      admins: [{ userId: 'admin', email: `admin@${domain}`, name: 'Admin' }],
    }),
  );
  await must(allot.enroll({ actor: system, userId: 'm1', email: `m1@${domain}`, name: 'M1' }));
  await must(allot.assign({ actor: system, orgId: org.id, userId: 'm1', total: 100 }));
  const usage = await must(
    allot.consume({ actor: system, orgId: org.id, userId: 'm1', amount: 10, idempotencyKey: 'seed' }),
  );
  const hold = await must(
    allot.reserve({ actor: system, orgId: org.id, userId: 'm1', amount: 10, idempotencyKey: 'seed-hold' }),
  );
  const request = await must(
    allot.submitRequest({ actor: actors.user(org.id, 'm1'), orgId: org.id, amount: 5 }),
  );
  return {
    orgId: org.id,
    userId: 'm1',
    requestId: request.id,
    usageId: usage.usage.id,
    holdId: hold.hold.id,
    domain,
  };
}
