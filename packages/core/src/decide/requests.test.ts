import { describe, expect, it } from 'vitest';
import { errValue, fixedContext, member, NOW, okValue, org, request } from './fixtures.test-helpers';
import { decideApproveRequest, decideCloseRequest, decideSubmitRequest } from './requests';

describe('decideSubmitRequest', () => {
  it('opens a pending request and journals it with amount 0', () => {
    const { changes, result } = okValue(
      decideSubmitRequest(member(), { userId: 'bob', amount: 500, message: 'Launch week' }, fixedContext()),
    );
    expect(result).toMatchObject({
      id: 'id-1',
      userId: 'bob',
      userEmail: 'bob@acme.com',
      userName: 'Bob',
      amount: 500,
      message: 'Launch week',
      status: 'pending',
      createdAt: NOW,
      decidedAt: null,
      grantedAmount: null,
    });
    expect(changes.requests).toEqual([result]);
    expect(changes.journal).toEqual([
      expect.objectContaining({ type: 'request_submitted', amount: 0, requestId: 'id-1', balanceAfter: 0 }),
    ]);
    expect(changes.organization).toBeUndefined();
  });

  it('stores a missing message as null', () => {
    const { result } = okValue(decideSubmitRequest(member(), { userId: 'bob', amount: 1 }, fixedContext()));
    expect(result.message).toBeNull();
  });

  it('a missing or removed member is not_found', () => {
    expect(errValue(decideSubmitRequest(null, { userId: 'bob', amount: 1 }, fixedContext())).code).toBe(
      'not_found',
    );
    expect(
      errValue(
        decideSubmitRequest(member({ status: 'removed' }), { userId: 'bob', amount: 1 }, fixedContext()),
      ).code,
    ).toBe('not_found');
  });
});

describe('decideApproveRequest', () => {
  it('approves the full amount and allocates it', () => {
    const { changes, result } = okValue(
      decideApproveRequest(
        org({ allocated: 1000 }),
        request(),
        member({ allocated: 100 }),
        { requestId: 'req-1' },
        fixedContext(),
      ),
    );
    expect(result.request).toMatchObject({
      status: 'approved',
      grantedAmount: 500,
      decidedAt: NOW,
      decidedBy: 'user:ada',
    });
    expect(result.entry).toMatchObject({
      type: 'allocation',
      amount: 500,
      requestId: 'req-1',
      balanceAfter: 600,
    });
    expect(result.member.allocated).toBe(600);
    expect(changes.organization?.allocated).toBe(1500);
    expect(changes.requests).toEqual([result.request]);
  });

  it('grants a smaller amount when asked', () => {
    const { changes, result } = okValue(
      decideApproveRequest(org(), request(), member(), { requestId: 'req-1', amount: 200 }, fixedContext()),
    );
    expect(result.request.grantedAmount).toBe(200);
    expect(result.request.amount).toBe(500);
    expect(result.entry.amount).toBe(200);
    expect(changes.organization?.allocated).toBe(200);
  });

  it('refuses to grant more than requested (validation naming amount)', () => {
    const error = errValue(
      decideApproveRequest(org(), request(), member(), { requestId: 'req-1', amount: 501 }, fixedContext()),
    );
    expect(error.code).toBe('validation');
    if (error.code === 'validation') expect(error.issues[0]?.path).toBe('amount');
  });

  it('refuses a grant beyond the unallocated pool (insufficient_pool)', () => {
    const error = errValue(
      decideApproveRequest(
        org({ monthlyPool: 1000, allocated: 700 }),
        request(),
        member(),
        { requestId: 'req-1' },
        fixedContext(),
      ),
    );
    expect(error).toMatchObject({ code: 'insufficient_pool', requested: 500, available: 300 });
  });

  it('a grant that exactly fills the pool is accepted', () => {
    const { changes } = okValue(
      decideApproveRequest(
        org({ monthlyPool: 1000, allocated: 500 }),
        request(),
        member(),
        { requestId: 'req-1' },
        fixedContext(),
      ),
    );
    expect(changes.organization?.allocated).toBe(1000);
  });

  it.each(['approved', 'rejected', 'cancelled'] as const)('a %s request is request_not_pending', (status) => {
    const error = errValue(
      decideApproveRequest(org(), request({ status }), member(), { requestId: 'req-1' }, fixedContext()),
    );
    expect(error).toMatchObject({ code: 'request_not_pending', status });
  });

  it('a missing request is not_found', () => {
    expect(
      errValue(decideApproveRequest(org(), null, member(), { requestId: 'r9' }, fixedContext())),
    ).toMatchObject({
      code: 'not_found',
      resource: 'request',
      id: 'r9',
    });
  });

  it('a requester who was removed is not_found', () => {
    const error = errValue(
      decideApproveRequest(
        org(),
        request(),
        member({ status: 'removed' }),
        { requestId: 'req-1' },
        fixedContext(),
      ),
    );
    expect(error).toMatchObject({ code: 'not_found', resource: 'member', id: 'bob' });
  });
});

describe('decideCloseRequest', () => {
  it('rejects with a reason, moving no credits', () => {
    const { changes, result } = okValue(
      decideCloseRequest(
        request(),
        member({ allocated: 50 }),
        { requestId: 'req-1', outcome: 'rejected', reason: 'Budget' },
        fixedContext(),
      ),
    );
    expect(result).toMatchObject({
      status: 'rejected',
      reason: 'Budget',
      decidedBy: 'user:ada',
      decidedAt: NOW,
    });
    expect(result.grantedAmount).toBeNull();
    expect(changes.journal).toEqual([
      expect.objectContaining({
        type: 'request_rejected',
        amount: 0,
        balanceAfter: 50,
        description: 'Request rejected: Budget',
      }),
    ]);
    expect(changes.organization).toBeUndefined();
  });

  it('rejects without a reason', () => {
    const { result, changes } = okValue(
      decideCloseRequest(request(), member(), { requestId: 'req-1', outcome: 'rejected' }, fixedContext()),
    );
    expect(result.reason).toBeNull();
    expect(changes.journal?.[0]?.description).toBe('Request rejected');
  });

  it('cancels', () => {
    const { result, changes } = okValue(
      decideCloseRequest(
        request(),
        member(),
        { requestId: 'req-1', outcome: 'cancelled' },
        fixedContext({ actor: 'user:bob' }),
      ),
    );
    expect(result).toMatchObject({ status: 'cancelled', decidedBy: 'user:bob' });
    expect(changes.journal?.[0]).toMatchObject({ type: 'request_cancelled', requestId: 'req-1' });
  });

  it('a closed request cannot be closed again', () => {
    const error = errValue(
      decideCloseRequest(
        request({ status: 'rejected' }),
        member(),
        { requestId: 'req-1', outcome: 'cancelled' },
        fixedContext(),
      ),
    );
    expect(error.code).toBe('request_not_pending');
  });

  it('a missing request is not_found', () => {
    expect(
      errValue(decideCloseRequest(null, member(), { requestId: 'r9', outcome: 'rejected' }, fixedContext()))
        .code,
    ).toBe('not_found');
  });
});
