import { describe, expect, it } from 'vitest';
import { filenameFrom } from './content-disposition';
import { toProblem } from './problem';

describe('filenameFrom', () => {
  it.each([
    ['attachment; filename="ledger-2026-11.csv"', 'ledger-2026-11.csv'],
    ['attachment; filename=ledger.csv', 'ledger.csv'],
    [`attachment; filename="x.csv"; filename*=UTF-8''l%C3%A9dger.csv`, 'lédger.csv'],
    ['attachment; filename="say \\"hi\\".csv"', 'say "hi".csv'],
    ['attachment', 'fallback.csv'],
    [null, 'fallback.csv'],
  ])('%s → %s', (header, name) => {
    expect(filenameFrom(header, 'fallback.csv')).toBe(name);
  });
});

describe('toProblem', () => {
  it('keeps a problem body with its extensions', () => {
    const body = JSON.stringify({
      type: 't',
      title: 'Pool',
      status: 409,
      detail: 'd',
      code: 'insufficient_pool',
      available: 3,
    });
    expect(toProblem(409, 'Conflict', body)).toMatchObject({
      code: 'insufficient_pool',
      available: 3,
      status: 409,
    });
  });

  it('describes a response that is not a problem', () => {
    expect(toProblem(502, 'Bad Gateway', '<html>oops</html>')).toMatchObject({
      code: 'http_error',
      status: 502,
      title: 'Bad Gateway',
      detail: '<html>oops</html>',
    });
  });
});
