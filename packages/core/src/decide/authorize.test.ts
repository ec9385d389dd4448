import { describe, expect, it } from 'vitest';
import { actors } from '../schemas/actor';
import {
  authorize,
  authorizeApproval,
  authorizePoolChange,
  authorizeSettingsChange,
  DEFAULT_ACCESS_POLICY,
  type Principal,
  seesEveryone,
  subjectOf,
} from './authorize';
import { admin, errValue, member, ORG_ID, okValue } from './fixtures.test-helpers';

const bob = actors.user(ORG_ID, 'bob');
const ada = actors.user(ORG_ID, 'ada');

describe('authorize', () => {
  it.each(['system', 'admin', 'member'] as const)('lets the system actor do a %s call', (requirement) => {
    expect(okValue(authorize(actors.system(), null, ORG_ID, requirement))).toEqual({ type: 'system' });
  });

  it('refuses a user a system-only call', () => {
    expect(errValue(authorize(ada, admin(), ORG_ID, 'system')).code).toBe('forbidden');
  });

  it('refuses a user acting in another organization', () => {
    const error = errValue(authorize(actors.user('org-2', 'ada'), admin(), ORG_ID, 'member'));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/own organization/);
  });

  it('refuses a user with no member record', () => {
    expect(errValue(authorize(bob, null, ORG_ID, 'member')).code).toBe('forbidden');
  });

  it('refuses a removed member', () => {
    expect(errValue(authorize(bob, member({ status: 'removed' }), ORG_ID, 'member')).code).toBe('forbidden');
  });

  it('refuses when the record belongs to someone else', () => {
    expect(errValue(authorize(bob, admin(), ORG_ID, 'member')).code).toBe('forbidden');
  });

  it('refuses a member an admin call', () => {
    const error = errValue(authorize(bob, member(), ORG_ID, 'admin'));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/admin/);
  });

  it('lets an admin do admin and member calls', () => {
    expect(okValue(authorize(ada, admin(), ORG_ID, 'admin'))).toMatchObject({
      type: 'user',
      member: { userId: 'ada' },
    });
    expect(okValue(authorize(ada, admin(), ORG_ID, 'member')).type).toBe('user');
  });

  it('lets a member do member calls', () => {
    expect(okValue(authorize(bob, member(), ORG_ID, 'member'))).toMatchObject({
      type: 'user',
      member: { role: 'member' },
    });
  });
});

describe('seesEveryone', () => {
  it('is true for the system and admins, false for members', () => {
    expect(seesEveryone({ type: 'system' })).toBe(true);
    expect(seesEveryone({ type: 'user', member: admin() })).toBe(true);
    expect(seesEveryone({ type: 'user', member: member() })).toBe(false);
  });
});

describe('subjectOf', () => {
  const asBob: Principal = { type: 'user', member: member() };
  const asAda: Principal = { type: 'user', member: admin() };

  it('the system must name the member (validation naming userId)', () => {
    const error = errValue(subjectOf({ type: 'system' }, undefined, true));
    expect(error.code).toBe('validation');
    if (error.code === 'validation') expect(error.issues[0]?.path).toBe('userId');
    expect(okValue(subjectOf({ type: 'system' }, 'bob', false))).toBe('bob');
  });

  it('a user defaults to themselves and may name themselves', () => {
    expect(okValue(subjectOf(asBob, undefined, false))).toBe('bob');
    expect(okValue(subjectOf(asBob, 'bob', false))).toBe('bob');
  });

  it('a member asking about someone else is forbidden', () => {
    expect(errValue(subjectOf(asBob, 'ada', true)).code).toBe('forbidden');
  });

  it('an admin may ask about someone else only when allowed', () => {
    expect(okValue(subjectOf(asAda, 'bob', true))).toBe('bob');
    expect(errValue(subjectOf(asAda, 'bob', false)).code).toBe('forbidden');
  });
});

describe('who may change the pool, claim domains and approve', () => {
  const system: Principal = { type: 'system' };
  const asAda: Principal = { type: 'user', member: admin() };
  const adminsManagePool = { ...DEFAULT_ACCESS_POLICY, adminsManagePool: true };
  const forbidSelfApproval = { ...DEFAULT_ACCESS_POLICY, forbidSelfApproval: true };

  it('by default keeps the pool to the server, saying who may and how to allow admins', () => {
    expect(DEFAULT_ACCESS_POLICY).toEqual({ adminsManagePool: false, forbidSelfApproval: false });
    expect(authorizePoolChange(system, DEFAULT_ACCESS_POLICY).isOk()).toBe(true);
    const error = errValue(authorizePoolChange(asAda, DEFAULT_ACCESS_POLICY));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/Only the host server \(the system actor\)/);
    expect(error.message).toContain('adminsManagePool: true');
  });

  it('lets admins change the pool under adminsManagePool', () => {
    expect(authorizePoolChange(asAda, adminsManagePool).isOk()).toBe(true);
    expect(authorizeSettingsChange(asAda, ['monthlyPool'], adminsManagePool).isOk()).toBe(true);
  });

  it('refuses an admin a monthly pool change by default, and allows every other setting', () => {
    expect(
      errValue(authorizeSettingsChange(asAda, ['monthlyPool', 'name'], DEFAULT_ACCESS_POLICY)).code,
    ).toBe('forbidden');
    const others = [
      'defaultAllocation',
      'memberAlerts',
      'name',
      'periodAnchorDay',
      'rolloverPolicy',
      'thresholds',
    ];
    expect(authorizeSettingsChange(asAda, others, DEFAULT_ACCESS_POLICY).isOk()).toBe(true);
    expect(authorizeSettingsChange(asAda, [], DEFAULT_ACCESS_POLICY).isOk()).toBe(true);
  });

  it('keeps domains to the server even under adminsManagePool', () => {
    for (const policy of [DEFAULT_ACCESS_POLICY, adminsManagePool]) {
      const error = errValue(authorizeSettingsChange(asAda, ['domains'], policy));
      expect(error.code).toBe('forbidden');
      expect(error.message).toMatch(/Only the host server \(the system actor\) may claim email domains/);
    }
    expect(authorizeSettingsChange(system, ['domains', 'monthlyPool'], DEFAULT_ACCESS_POLICY).isOk()).toBe(
      true,
    );
  });

  it('lets an admin approve their own request unless forbidSelfApproval is set', () => {
    expect(authorizeApproval(asAda, { userId: 'ada' }, DEFAULT_ACCESS_POLICY).isOk()).toBe(true);
    const error = errValue(authorizeApproval(asAda, { userId: 'ada' }, forbidSelfApproval));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/your own credit request/);
  });

  it('under forbidSelfApproval still lets an admin approve others, and the server anyone', () => {
    expect(authorizeApproval(asAda, { userId: 'bob' }, forbidSelfApproval).isOk()).toBe(true);
    expect(authorizeApproval(system, { userId: 'ada' }, forbidSelfApproval).isOk()).toBe(true);
    expect(authorizeApproval(asAda, null, forbidSelfApproval).isOk()).toBe(true);
  });
});
