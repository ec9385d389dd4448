import { type AllotError, type AllotErrorCode, errors } from '@allot/core';
import { describe, expect, it } from 'vitest';
import { httpProblem, problemFromAllotError, problemSchema } from './problem';

const examples: Record<AllotErrorCode, [AllotError, number]> = {
  validation: [
    errors.validation('Invalid input — total: too small', [
      { path: 'total', message: 'too small', code: 'too_small' },
    ]),
    400,
  ],
  not_found: [errors.notFound('member', 'bob'), 404],
  forbidden: [errors.forbidden('Only an organization admin may do this.'), 403],
  insufficient_pool: [errors.insufficientPool(500, 200), 409],
  insufficient_credits: [errors.insufficientCredits(10, 3), 409],
  allocation_below_usage: [errors.allocationBelowUsage(100, 1200), 409],
  request_not_pending: [errors.requestNotPending('approved'), 409],
  hold_not_active: [errors.holdNotActive('captured'), 409],
  period_closed: [errors.periodClosed('The usage belongs to a closed billing period.'), 409],
  idempotency_conflict: [errors.idempotencyConflict('k1'), 409],
  conflict: [errors.conflict('The domain acme.com belongs to another organization.'), 409],
  store_unavailable: [
    errors.storeUnavailable(new Error('connect ECONNREFUSED 10.0.0.5:5432 user=allot')),
    503,
  ],
  outcome_unknown: [errors.outcomeUnknown(new Error('Connection terminated unexpectedly')), 503],
};

describe('problemFromAllotError', () => {
  for (const [code, [error, status]] of Object.entries(examples)) {
    it(`${code} → ${status}`, () => {
      const problem = problemFromAllotError(error);
      expect(problemSchema.parse(problem)).toEqual(problem);
      expect(problem).toMatchObject({ type: `https://allot.dev/problems/${code}`, status, code });
      if (code !== 'store_unavailable' && code !== 'outcome_unknown')
        expect(problem.detail).toBe(error.message);
    });
  }

  it('keeps the field issues of a validation error', () => {
    expect(problemFromAllotError(examples.validation[0]).issues).toEqual([
      { path: 'total', message: 'too small', code: 'too_small' },
    ]);
  });

  it('adds what a client needs to explain a refusal', () => {
    expect(problemFromAllotError(examples.insufficient_pool[0])).toMatchObject({
      requested: 500,
      available: 200,
    });
    expect(problemFromAllotError(examples.request_not_pending[0])).toMatchObject({
      requestStatus: 'approved',
      status: 409,
    });
    expect(problemFromAllotError(examples.hold_not_active[0])).toMatchObject({
      holdStatus: 'captured',
      status: 409,
    });
  });

  it('never sends the store’s own error message', () => {
    const text = JSON.stringify(problemFromAllotError(examples.store_unavailable[0]));
    expect(text).not.toContain('ECONNREFUSED');
    expect(text).not.toContain('cause');
    const unknown = problemFromAllotError(examples.outcome_unknown[0]);
    expect(JSON.stringify(unknown)).not.toContain('Connection terminated');
    expect(unknown.detail).toContain('same Idempotency-Key');
    expect(unknown.detail).not.toContain('nothing was written');
  });
});

describe('httpProblem', () => {
  it('builds the handler’s own problems', () => {
    expect(httpProblem('unauthorized', 'Sign in.')).toEqual({
      type: 'https://allot.dev/problems/unauthorized',
      title: 'Not signed in',
      status: 401,
      detail: 'Sign in.',
      code: 'unauthorized',
    });
    expect(httpProblem('payload_too_large', 'x').status).toBe(413);
    expect(httpProblem('internal', 'x').status).toBe(500);
  });
});
