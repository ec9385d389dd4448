import { describe, expect, it } from 'vitest';
import { admin, errValue, fixedContext, member, NOW, okValue, org } from './fixtures.test-helpers';
import { decideEnroll, decideSetRole, emailDomain } from './membership';

const signUp = { userId: 'cy', email: 'cy@acme.com', name: 'Cy' };

describe('decideEnroll', () => {
  it('enrolls a new sign-up as an active member with nothing allocated', () => {
    const { changes, result } = okValue(decideEnroll(org(), null, signUp, fixedContext()));
    expect(result.outcome).toBe('enrolled');
    expect(result.orgId).toBe('org-1');
    expect(result.member).toMatchObject({
      userId: 'cy',
      email: 'cy@acme.com',
      role: 'member',
      status: 'active',
      allocated: 0,
      used: 0,
      remaining: 0,
      createdAt: NOW,
    });
    expect(changes.journal).toEqual([
      expect.objectContaining({ type: 'member_enrolled', amount: 0, seq: 1, balanceAfter: 0, userId: 'cy' }),
    ]);
    expect(changes.organization?.allocated).toBe(0);
  });

  it('an existing active member is already_member and nothing is written', () => {
    const existing = member({ userId: 'cy', allocated: 40 });
    const { changes, result } = okValue(decideEnroll(org(), existing, signUp, fixedContext()));
    expect(changes).toEqual({});
    expect(result).toMatchObject({ outcome: 'already_member', member: { allocated: 40 } });
  });

  it('a removed member comes back active as a member, continuing their chain', () => {
    const removed = admin({ userId: 'cy', status: 'removed', seq: 9, allocated: 30, used: 30 });
    const { changes, result } = okValue(
      decideEnroll(org(), removed, { userId: 'cy', email: 'cy@acme.com', name: 'Cy New' }, fixedContext()),
    );
    expect(result.outcome).toBe('enrolled');
    expect(result.member).toMatchObject({ status: 'active', role: 'member', name: 'Cy New', remaining: 0 });
    expect(changes.journal?.[0]).toMatchObject({ type: 'member_enrolled', seq: 10 });
  });

  it('grants the default allocation when the pool has room', () => {
    const { changes, result } = okValue(
      decideEnroll(org({ defaultAllocation: 100, allocated: 9900 }), null, signUp, fixedContext()),
    );
    expect(changes.journal?.map((e) => [e.type, e.amount, e.balanceAfter, e.seq])).toEqual([
      ['member_enrolled', 0, 0, 1],
      ['allocation', 100, 100, 2],
    ]);
    expect(result.member?.allocated).toBe(100);
    expect(changes.organization?.allocated).toBe(10_000);
  });

  it('grants nothing when the default allocation does not fit in the pool', () => {
    const { changes, result } = okValue(
      decideEnroll(org({ defaultAllocation: 100, allocated: 9901 }), null, signUp, fixedContext()),
    );
    expect(changes.journal?.map((e) => e.type)).toEqual(['member_enrolled']);
    expect(result.member?.allocated).toBe(0);
    expect(changes.organization?.allocated).toBe(9901);
  });
});

describe('emailDomain', () => {
  it('is the part after the last @, lower-cased', () => {
    expect(emailDomain('Ada@ACME.com')).toBe('acme.com');
    expect(emailDomain('"a@b"@acme.com')).toBe('acme.com');
  });

  it('keeps a suffix trick as its own domain', () => {
    expect(emailDomain('eve@acme.com.evil.io')).toBe('acme.com.evil.io');
  });
});

describe('decideSetRole', () => {
  it('promotes a member to admin and journals role_changed', () => {
    const { changes, result } = okValue(
      decideSetRole(member(), { userId: 'bob', role: 'admin' }, 1, fixedContext()),
    );
    expect(result.member.role).toBe('admin');
    expect(changes.journal).toEqual([
      expect.objectContaining({
        type: 'role_changed',
        amount: 0,
        description: 'Role changed from member to admin',
      }),
    ]);
    expect(changes.organization).toBeUndefined();
  });

  it('demotes an admin when another admin remains', () => {
    const { result } = okValue(decideSetRole(admin(), { userId: 'ada', role: 'member' }, 2, fixedContext()));
    expect(result.member.role).toBe('member');
  });

  it('refuses to demote the last admin (conflict)', () => {
    const error = errValue(decideSetRole(admin(), { userId: 'ada', role: 'member' }, 1, fixedContext()));
    expect(error.code).toBe('conflict');
  });

  it('setting the same role changes nothing', () => {
    const { changes } = okValue(decideSetRole(admin(), { userId: 'ada', role: 'admin' }, 1, fixedContext()));
    expect(changes).toEqual({});
  });

  it('a missing or removed member is not_found', () => {
    expect(errValue(decideSetRole(null, { userId: 'x', role: 'admin' }, 1, fixedContext())).code).toBe(
      'not_found',
    );
    expect(
      errValue(
        decideSetRole(member({ status: 'removed' }), { userId: 'bob', role: 'admin' }, 1, fixedContext()),
      ).code,
    ).toBe('not_found');
  });
});
