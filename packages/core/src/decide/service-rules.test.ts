import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { authorizeCancel } from './authorize';
import { completeDecision } from './complete';
import { activeAlerts, toMember } from './context';
import { admin, errValue, fixedContext, member, okValue, org, request } from './fixtures.test-helpers';
import { decideEnroll } from './membership';
import { decideCreateOrganization, decideUpdateSettings } from './organization';

// Rules the service used to apply around the decisions, now decided here, purely.

const seed = {
  name: 'Acme',
  domains: ['acme.com'],
  monthlyPool: 100,
  periodAnchorDay: 1,
  thresholds: { yellow: 70, red: 90 },
  rolloverPolicy: 'carry' as const,
  defaultAllocation: 0,
  memberAlerts: { remainingBelow: null, remainingBelowPercent: 10 },
  admins: [{ userId: 'ada', email: 'ada@acme.com', name: 'Ada' }],
};

describe('claims on ids and domains', () => {
  it('refuses a taken organization id, and a domain another organization claims', () => {
    const ctx = fixedContext();
    const taken = decideCreateOrganization({ ...seed, id: 'acme' }, ctx, { idTaken: true, owners: [] });
    expect(errValue(taken)).toMatchObject({ code: 'conflict', message: expect.stringContaining('"acme"') });
    const claimed = decideCreateOrganization(seed, ctx, {
      idTaken: false,
      owners: [{ domain: 'acme.com', orgId: 'other' }],
    });
    expect(errValue(claimed)).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('acme.com'),
    });
    expect(okValue(decideCreateOrganization(seed, ctx, { idTaken: false, owners: [] })).result.name).toBe(
      'Acme',
    );
  });

  it('lets an organization keep its own domains and refuses another’s', () => {
    const own = org();
    const ctx = fixedContext();
    const mine = decideUpdateSettings(own, { domains: ['acme.com'] }, ctx, [
      { domain: 'acme.com', orgId: own.id },
    ]);
    expect(mine.isOk()).toBe(true);
    const theirs = decideUpdateSettings(own, { domains: ['globex.com'] }, ctx, [
      { domain: 'globex.com', orgId: 'globex' },
    ]);
    expect(errValue(theirs).code).toBe('conflict');
  });
});

describe('enrolment without a match', () => {
  it('is no_matching_org with no organization, or with a public email provider’s domain', () => {
    const ctx = fixedContext();
    const input = { userId: 'bob', email: 'bob@gmail.com', name: 'Bob' };
    const none = okValue(decideEnroll(null, null, input, ctx));
    expect(none).toEqual({ changes: {}, result: { outcome: 'no_matching_org', orgId: null, member: null } });
    const claimedPublic = okValue(decideEnroll(org({ domains: ['gmail.com'] }), null, input, ctx));
    expect(claimedPublic.result.outcome).toBe('no_matching_org');
  });
});

describe('authorizeCancel', () => {
  const bob = member({ userId: 'bob' });
  it('lets the requester, still a member, cancel; and the system actor any request', () => {
    expect(authorizeCancel({ type: 'user', member: bob }, request({ userId: 'bob' }), bob).isOk()).toBe(true);
    expect(authorizeCancel({ type: 'system' }, request({ userId: 'bob' }), bob).isOk()).toBe(true);
  });
  it('refuses someone else’s request, even to an admin, and a requester removed since', () => {
    expect(
      errValue(authorizeCancel({ type: 'user', member: admin() }, request({ userId: 'bob' }), bob)).code,
    ).toBe('forbidden');
    const removed = { ...bob, status: 'removed' as const };
    expect(
      errValue(authorizeCancel({ type: 'user', member: bob }, request({ userId: 'bob' }), removed)).code,
    ).toBe('forbidden');
  });
});

describe('completeDecision', () => {
  it('fires the member alerts the organization asks for, in what is written and in what is answered', () => {
    const ctx = fixedContext();
    const low = member({ userId: 'bob', allocated: 100, used: 95 });
    const decided = ok({ changes: { members: [low] }, result: { member: toMember(low) } });
    const { changes, result } = okValue(
      completeDecision(
        decided,
        org({ memberAlerts: { remainingBelow: null, remainingBelowPercent: 10 } }),
        ctx,
      ),
    );
    const written = changes.members?.[0];
    expect(result.member.alerts).toContain('remaining_below_percent');
    expect(result.member.alerts).toEqual(written && activeAlerts(written.alerts));
    expect(changes.events?.map((e) => e.type)).toContain('alert.triggered');
  });

  it('leaves a decision that writes nothing as it is', () => {
    const decided = ok({ changes: {}, result: 'same' });
    expect(okValue(completeDecision(decided, org(), fixedContext()))).toEqual({
      changes: {},
      result: 'same',
    });
  });
});
