import { errAsync, okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { errors } from './errors';
import { AllotFailure, isAllotFailure, orThrow } from './failure';

describe('orThrow', () => {
  it('returns the value of an Ok', async () => {
    expect(await orThrow(okAsync(42))).toBe(42);
  });

  it('throws an AllotFailure carrying the typed error, its code, message and a stack', async () => {
    const error = errors.insufficientCredits(500, 120);
    const thrown = await orThrow(errAsync(error)).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(AllotFailure);
    expect(thrown).toBeInstanceOf(Error);
    const failure = thrown as AllotFailure<typeof error>;
    expect(failure).toMatchObject({
      name: 'AllotFailure',
      code: 'insufficient_credits',
      message: error.message,
    });
    expect(failure.error).toBe(error);
    expect(failure.error.available).toBe(120);
    expect(failure.stack).toContain('AllotFailure');
    expect(String(failure)).toBe(`AllotFailure: ${error.message}`);
  });

  it('keeps the store’s error as the cause', async () => {
    const cause = new Error('connect ECONNREFUSED');
    const failure = (await orThrow(errAsync(errors.storeUnavailable(cause))).catch(
      (e: unknown) => e,
    )) as AllotFailure;
    expect(failure.cause).toBe(cause);
    expect(failure.code).toBe('store_unavailable');
  });

  it('is recognised by brand, also across duplicated installs', () => {
    const failure = new AllotFailure(errors.forbidden('Admins only.'));
    expect(isAllotFailure(failure)).toBe(true);
    const foreign = Object.assign(new Error('x'), { allotFailure: true, error: errors.forbidden('x') });
    expect(isAllotFailure(foreign)).toBe(true);
    expect(isAllotFailure(new Error('plain'))).toBe(false);
    expect(isAllotFailure(errors.forbidden('a plain AllotError value is not a failure'))).toBe(false);
  });
});
