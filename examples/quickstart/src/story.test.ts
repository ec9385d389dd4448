import { expect, it } from 'vitest';
import { tellStory } from './story';

it('tells the whole story of an organization', async () => {
  const lines: string[] = [];
  const { allot, orgId } = await tellStory((line) => lines.push(line));
  const text = lines.join('\n');
  expect(text).toContain('Sign-up bob@acme.com: enrolled');
  expect(text).toContain('Sign-up eve@acme.com.evil.io: no_matching_org');
  expect(text).toContain('pool 10000 · allocated 6200 · used 1500 · remaining 8500');
  expect(text).toMatch(/^id,date,user_id,type,amount,balance_after,description/m);
  const ledger = (await allot.ledger({ actor: { type: 'system' }, orgId, limit: 500 }))._unsafeUnwrap();
  expect(text.split('\n').filter((l) => /^[0-9a-f]{8}-/.test(l))).toHaveLength(ledger.items.length);
});
