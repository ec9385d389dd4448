import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errors, fromZodError, isAllotError } from './errors';

describe('isAllotError', () => {
  it('recognises every constructor by its brand', () => {
    const all = [
      errors.validation('bad', []),
      errors.notFound('member', 'bob'),
      errors.forbidden('no'),
      errors.insufficientPool(10, 5),
      errors.insufficientCredits(10, 5),
      errors.allocationBelowUsage(1, 2),
      errors.requestNotPending('approved'),
      errors.periodClosed('closed'),
      errors.idempotencyConflict('k'),
      errors.conflict('c'),
      errors.storeUnavailable(new Error('down')),
    ];
    for (const error of all) expect(isAllotError(error)).toBe(true);
    expect(new Set(all.map((e) => e.code)).size).toBe(all.length);
  });

  it('recognises a plain copy (another installed copy of the package)', () => {
    expect(isAllotError(JSON.parse(JSON.stringify(errors.conflict('c'))))).toBe(true);
  });

  it.each([
    null,
    undefined,
    'error',
    42,
    new Error('x'),
    { code: 'conflict', message: 'm' },
    { allotError: 'true' },
  ])('rejects %j', (value) => {
    expect(isAllotError(value)).toBe(false);
  });
});

describe('error constructors', () => {
  it('name the numbers in their messages', () => {
    expect(errors.insufficientPool(120, 80).message).toMatch(/80 unallocated.*120 are needed/);
    expect(errors.insufficientCredits(7, 3).message).toMatch(/3 credits remaining; 7 are needed/);
    expect(errors.allocationBelowUsage(10, 25).message).toMatch(/to 10.*used 25/);
  });

  it('carry their payloads', () => {
    expect(errors.insufficientPool(120, 80)).toMatchObject({ requested: 120, available: 80 });
    expect(errors.notFound('request', 'r1')).toMatchObject({ resource: 'request', id: 'r1' });
    expect(errors.notFound('request', 'r1').message).toContain('"r1"');
    expect(errors.requestNotPending('rejected')).toMatchObject({ status: 'rejected' });
    expect(errors.requestNotPending('rejected').message).toContain('rejected');
    expect(errors.idempotencyConflict('job-1').message).toContain('"job-1"');
  });

  it('store_unavailable keeps the cause and tells the caller to retry', () => {
    const cause = new Error('connection refused');
    const error = errors.storeUnavailable(cause);
    expect(error.cause).toBe(cause);
    expect(error.message).toMatch(/connection refused.*retry/);
    expect(errors.storeUnavailable('timeout').message).toContain('timeout');
  });
});

describe('fromZodError', () => {
  const schema = z.object({
    thresholds: z.object({ yellow: z.number() }),
    admins: z.array(z.object({ email: z.string() })),
    amount: z.number(),
  });

  it('gives dotted paths, array indexes included', () => {
    const parsed = schema.safeParse({ thresholds: { yellow: 'x' }, admins: [{ email: 1 }], amount: 1 });
    if (parsed.success) throw new Error('expected a failure');
    const error = fromZodError(parsed.error);
    expect(error.code).toBe('validation');
    expect(error.issues.map((i) => i.path)).toEqual(['thresholds.yellow', 'admins.0.email']);
    expect(error.issues.every((i) => i.code === 'invalid_type')).toBe(true);
  });

  it('names the whole input when the root is wrong', () => {
    const parsed = schema.safeParse(null);
    if (parsed.success) throw new Error('expected a failure');
    expect(fromZodError(parsed.error).issues[0]?.path).toBe('(input)');
  });

  it('summarises every issue in the message', () => {
    const parsed = schema.safeParse({ thresholds: { yellow: 1 }, admins: [] });
    if (parsed.success) throw new Error('expected a failure');
    expect(fromZodError(parsed.error).message).toMatch(/^Invalid input — amount: /);
  });
});
