import { statementName } from '@allot/kysely';
import { describe, expect, it } from 'vitest';
import { lockKeySql } from './key-lock';

// Both come from the one cyrb53 in @allot/kysely; these values pin it (a change would move
// every advisory lock and prepared-statement name).
describe('cyrb53-based names', () => {
  it('lockKeySql hashes (schema, org, key) into two int4 literals', () => {
    expect(lockKeySql('allot', 'acme', 'job-1')).toBe(
      'select pg_advisory_xact_lock(1718290111, -1474024378)',
    );
    expect(lockKeySql('allot', 'acme', 'job-2')).not.toBe(lockKeySql('allot', 'acme', 'job-1'));
  });

  it('statementName is stable for the same text', () => {
    expect(statementName('select 1')).toBe('allot_1ha5m41gvki_8');
    expect(statementName('select * from members where org_id = $1')).toBe('allot_rc3b2fohxg_13');
  });
});
