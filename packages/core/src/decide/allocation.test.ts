import { describe, expect, it } from 'vitest';
import { decideAssign, decideRemoveMember, decideRevoke } from './allocation';
import { admin, errValue, fixedContext, member, NOW, okValue, org, request } from './fixtures.test-helpers';

describe('decideAssign', () => {
  it('sets the total: an increase is an allocation of +Δ', () => {
    const { changes, result } = okValue(
      decideAssign(org({ allocated: 1000 }), member({ allocated: 200 }), 'bob', 500, fixedContext()),
    );
    expect(result.member.allocated).toBe(500);
    expect(result.entry).toMatchObject({
      type: 'allocation',
      amount: 300,
      userId: 'bob',
      actor: 'user:ada',
      at: NOW,
    });
    expect(changes.members).toEqual([expect.objectContaining({ allocated: 500 })]);
    expect(changes.journal).toEqual([result.entry]);
    expect(changes.organization?.allocated).toBe(1300);
    expect(changes.organization?.updatedAt).toBe(NOW);
  });

  it('a decrease is a revocation of −Δ and returns credits to the pool', () => {
    const { changes, result } = okValue(
      decideAssign(
        org({ allocated: 1000 }),
        member({ allocated: 800, used: 100 }),
        'bob',
        300,
        fixedContext(),
      ),
    );
    expect(result.entry).toMatchObject({ type: 'revocation', amount: -500, balanceAfter: 200 });
    expect(changes.organization?.allocated).toBe(500);
    expect(result.member).toMatchObject({ allocated: 300, used: 100, remaining: 200 });
  });

  it('the same total changes nothing and returns a null entry', () => {
    const current = member({ allocated: 400, used: 50 });
    const { changes, result } = okValue(
      decideAssign(org({ allocated: 400 }), current, 'bob', 400, fixedContext()),
    );
    expect(changes).toEqual({});
    expect(result.entry).toBeNull();
    expect(result.member).toMatchObject({ allocated: 400, remaining: 350 });
  });

  it('the entry carries balanceAfter = new remaining and the next seq of the member chain', () => {
    const { result } = okValue(
      decideAssign(org(), member({ allocated: 100, used: 40, seq: 7 }), 'bob', 250, fixedContext()),
    );
    expect(result.entry?.balanceAfter).toBe(210);
    expect(result.entry?.seq).toBe(8);
    expect(result.entry?.id).toBe('id-1');
  });

  it('the member record advances its seq and is stamped now', () => {
    const { changes } = okValue(decideAssign(org(), member({ seq: 7 }), 'bob', 10, fixedContext()));
    expect(changes.members?.[0]).toMatchObject({ seq: 8, updatedAt: NOW });
  });

  it('keeps the idempotency key of the context on the entry', () => {
    const { result } = okValue(
      decideAssign(org(), member(), 'bob', 10, fixedContext({ idempotencyKey: 'assign-1' })),
    );
    expect(result.entry?.idempotencyKey).toBe('assign-1');
  });

  it('refuses a total below what was already used (allocation_below_usage)', () => {
    const error = errValue(
      decideAssign(
        org({ allocated: 500 }),
        member({ allocated: 500, used: 300 }),
        'bob',
        299,
        fixedContext(),
      ),
    );
    expect(error).toMatchObject({ code: 'allocation_below_usage', total: 299, used: 300 });
  });

  it('accepts a total exactly equal to what was used', () => {
    const { result } = okValue(
      decideAssign(
        org({ allocated: 500 }),
        member({ allocated: 500, used: 300 }),
        'bob',
        300,
        fixedContext(),
      ),
    );
    expect(result.member.remaining).toBe(0);
  });

  it('refuses an increase larger than the unallocated pool (insufficient_pool with requested/available)', () => {
    const error = errValue(
      decideAssign(
        org({ monthlyPool: 1000, allocated: 900 }),
        member({ allocated: 100 }),
        'bob',
        201,
        fixedContext(),
      ),
    );
    expect(error).toMatchObject({ code: 'insufficient_pool', requested: 101, available: 100 });
  });

  it('accepts an increase that exactly fills the pool', () => {
    const { changes } = okValue(
      decideAssign(
        org({ monthlyPool: 1000, allocated: 900 }),
        member({ allocated: 100 }),
        'bob',
        200,
        fixedContext(),
      ),
    );
    expect(changes.organization?.allocated).toBe(1000);
  });

  it('a missing member is not_found', () => {
    expect(errValue(decideAssign(org(), null, 'ghost', 10, fixedContext()))).toMatchObject({
      code: 'not_found',
      resource: 'member',
      id: 'ghost',
    });
  });

  it('a removed member is not_found', () => {
    const error = errValue(decideAssign(org(), member({ status: 'removed' }), 'bob', 10, fixedContext()));
    expect(error.code).toBe('not_found');
  });

  it('does not change its inputs', () => {
    const o = org();
    const m = member();
    decideAssign(o, m, 'bob', 100, fixedContext());
    expect(o).toEqual(org());
    expect(m).toEqual(member());
  });
});

describe('decideRevoke', () => {
  it('takes credits back into the pool as a revocation', () => {
    const { changes, result } = okValue(
      decideRevoke(
        org({ allocated: 1000 }),
        member({ allocated: 600, used: 100 }),
        'bob',
        200,
        fixedContext(),
      ),
    );
    expect(result.entry).toMatchObject({ type: 'revocation', amount: -200, balanceAfter: 300 });
    expect(result.member).toMatchObject({ allocated: 400, used: 100, remaining: 300 });
    expect(changes.organization?.allocated).toBe(800);
  });

  it('may revoke exactly the whole remaining', () => {
    const { result } = okValue(
      decideRevoke(
        org({ allocated: 600 }),
        member({ allocated: 600, used: 100 }),
        'bob',
        500,
        fixedContext(),
      ),
    );
    expect(result.member.remaining).toBe(0);
    expect(result.member.allocated).toBe(100);
  });

  it('refuses more than the remaining (insufficient_credits)', () => {
    const error = errValue(
      decideRevoke(
        org({ allocated: 600 }),
        member({ allocated: 600, used: 100 }),
        'bob',
        501,
        fixedContext(),
      ),
    );
    expect(error).toMatchObject({ code: 'insufficient_credits', requested: 501, available: 500 });
  });

  it('a missing or removed member is not_found', () => {
    expect(errValue(decideRevoke(org(), null, 'bob', 1, fixedContext())).code).toBe('not_found');
    expect(errValue(decideRevoke(org(), member({ status: 'removed' }), 'bob', 1, fixedContext())).code).toBe(
      'not_found',
    );
  });
});

describe('decideRemoveMember', () => {
  it('returns the remaining to the pool, then writes member_removed', () => {
    const { changes, result } = okValue(
      decideRemoveMember(
        org({ allocated: 1000 }),
        member({ allocated: 600, used: 100, seq: 3 }),
        'bob',
        1,
        [],
        [],
        fixedContext(),
      ),
    );
    expect(changes.journal).toHaveLength(2);
    expect(changes.journal?.[0]).toMatchObject({ type: 'revocation', amount: -500, balanceAfter: 0, seq: 4 });
    expect(changes.journal?.[1]).toMatchObject({
      type: 'member_removed',
      amount: 0,
      balanceAfter: 0,
      seq: 5,
    });
    expect(changes.organization?.allocated).toBe(500);
    expect(result.member).toMatchObject({ status: 'removed', allocated: 100, used: 100, remaining: 0 });
    expect(changes.members).toEqual([expect.objectContaining({ status: 'removed', seq: 5 })]);
  });

  it('releases active holds first and ends alert states', () => {
    const hold = {
      id: 'hold-1',
      orgId: 'org-1',
      userId: 'bob',
      amount: 200,
      status: 'active' as const,
      captured: null,
      description: '',
      metadata: null,
      createdAt: '2026-11-25T09:00:00.000Z',
      expiresAt: '2026-11-25T11:00:00.000Z',
      settledAt: null,
    };
    const { changes } = okValue(
      decideRemoveMember(
        org({ allocated: 1000 }),
        member({ allocated: 1000, used: 750, held: 200, alerts: { remaining_below_percent: 'active' } }),
        'bob',
        1,
        [hold],
        [],
        fixedContext(),
      ),
    );
    expect(changes.journal?.map((e) => [e.type, e.amount])).toEqual([
      ['hold_released', 200],
      ['revocation', -250],
      ['member_removed', 0],
    ]);
    expect(changes.holds).toEqual([expect.objectContaining({ status: 'released' })]);
    expect(changes.members?.[0]).toMatchObject({ held: 0, allocated: 750, alerts: {} });
  });

  it('cancels their pending requests (reason "Member removed"), before returning the remaining', () => {
    const pending = [request({ id: 'req-1' }), request({ id: 'req-2', amount: 50 })];
    const { changes } = okValue(
      decideRemoveMember(
        org({ allocated: 1000 }),
        member({ allocated: 300, used: 100, seq: 2 }),
        'bob',
        1,
        [],
        pending,
        fixedContext(),
      ),
    );
    expect(changes.journal?.map((e) => [e.type, e.amount, e.requestId, e.seq])).toEqual([
      ['request_cancelled', 0, 'req-1', 3],
      ['request_cancelled', 0, 'req-2', 4],
      ['revocation', -200, null, 5],
      ['member_removed', 0, null, 6],
    ]);
    expect(changes.requests).toEqual([
      expect.objectContaining({ id: 'req-1', status: 'cancelled', reason: 'Member removed', decidedAt: NOW }),
      expect.objectContaining({ id: 'req-2', status: 'cancelled', decidedBy: 'user:ada' }),
    ]);
    expect(changes.members).toEqual([expect.objectContaining({ status: 'removed', seq: 6 })]);
  });

  it('leaves requests that are not pending, or not theirs, alone', () => {
    const others = [request({ id: 'req-1', status: 'approved' }), request({ id: 'req-2', userId: 'cy' })];
    const { changes } = okValue(
      decideRemoveMember(org(), member({ allocated: 100, used: 100 }), 'bob', 1, [], others, fixedContext()),
    );
    expect(changes.requests).toBeUndefined();
    expect(changes.journal?.map((e) => e.type)).toEqual(['member_removed']);
  });

  it('with nothing remaining writes only member_removed', () => {
    const { changes } = okValue(
      decideRemoveMember(
        org({ allocated: 100 }),
        member({ allocated: 100, used: 100 }),
        'bob',
        1,
        [],
        [],
        fixedContext(),
      ),
    );
    expect(changes.journal?.map((e) => e.type)).toEqual(['member_removed']);
    expect(changes.organization?.allocated).toBe(100);
  });

  it('refuses to remove the last admin (conflict)', () => {
    const error = errValue(decideRemoveMember(org(), admin(), 'ada', 1, [], [], fixedContext()));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/last admin/);
  });

  it('removes an admin when another admin remains', () => {
    const { result } = okValue(decideRemoveMember(org(), admin(), 'ada', 2, [], [], fixedContext()));
    expect(result.member.status).toBe('removed');
  });

  it('removes a plain member whatever the admin count', () => {
    expect(
      okValue(decideRemoveMember(org(), member(), 'bob', 1, [], [], fixedContext())).result.member.status,
    ).toBe('removed');
  });

  it('a missing or already removed member is not_found', () => {
    expect(errValue(decideRemoveMember(org(), null, 'bob', 2, [], [], fixedContext())).code).toBe(
      'not_found',
    );
    expect(
      errValue(decideRemoveMember(org(), member({ status: 'removed' }), 'bob', 2, [], [], fixedContext()))
        .code,
    ).toBe('not_found');
  });
});
