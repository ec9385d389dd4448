import { describe, expect, it } from 'vitest';
import { csvFilename } from './csv-filename';

describe('csvFilename', () => {
  it('names the filter', () => {
    expect(
      csvFilename({
        userId: 'bob',
        type: ['usage'],
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-12-01T00:00:00.000Z',
      }),
    ).toBe('ledger-user-bob-type-usage-2026-11-01-to-2026-12-01.csv');
    expect(csvFilename({})).toBe('ledger.csv');
    expect(csvFilename({ type: ['usage', 'refund'] })).toBe('ledger-type-usage-refund.csv');
    expect(csvFilename({ to: '2026-12-01T00:00:00.000Z' })).toBe('ledger-to-2026-12-01.csv');
    expect(csvFilename({ from: '2026-11-01T10:30:15.250Z' })).toBe('ledger-from-2026-11-01T10-30-15Z.csv');
  });

  it('keeps only safe characters and a bounded length', () => {
    expect(csvFilename({ userId: 'a"b\\c/d\r\ne;f=g' })).toBe('ledger-user-a_b_c_d_e_f_g.csv');
    expect(csvFilename({ userId: 'Zoë 🚀' })).toBe('ledger-user-Zo_.csv');
    const long = csvFilename({ userId: 'x'.repeat(500) });
    expect(long.length).toBeLessThanOrEqual(154);
    expect(long).toMatch(/^[A-Za-z0-9._-]+\.csv$/);
  });
});
