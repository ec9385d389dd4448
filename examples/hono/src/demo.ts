import { type Allot, actors } from '@allot/core';
import type { Sessions } from './app';

/** One organization: Ada its admin, Bob a member with 2,500 credits; a token for each. */
export async function seedDemo(allot: Allot): Promise<Sessions> {
  const system = actors.system();
  const org = await allot.createOrganization({
    actor: system,
    id: 'acme',
    name: 'Acme',
    domains: ['acme.example'],
    monthlyPool: 10_000,
    admins: [{ userId: 'ada', email: 'ada@acme.example', name: 'Ada' }],
  });
  if (org.isErr()) throw new Error(org.error.message);
  await allot.enroll({ actor: system, userId: 'bob', email: 'bob@acme.example', name: 'Bob' });
  await allot.assign({ actor: system, orgId: 'acme', userId: 'bob', total: 2_500 });
  return { 'token-ada': { orgId: 'acme', userId: 'ada' }, 'token-bob': { orgId: 'acme', userId: 'bob' } };
}
