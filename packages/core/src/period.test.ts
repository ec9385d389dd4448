import { describe, expect, it } from 'vitest';
import { isPeriodOver, periodContaining } from './period';

const at = (iso: string) => new Date(iso);

describe('periodContaining', () => {
  it('anchor day 1 is the calendar month', () => {
    expect(periodContaining(at('2026-11-25T10:00:00Z'), 1)).toEqual({
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-12-01T00:00:00.000Z',
    });
  });

  it('anchor day 15, after and before the anchor', () => {
    expect(periodContaining(at('2026-11-25T10:00:00Z'), 15)).toEqual({
      start: '2026-11-15T00:00:00.000Z',
      end: '2026-12-15T00:00:00.000Z',
    });
    expect(periodContaining(at('2026-11-14T23:59:59.999Z'), 15)).toEqual({
      start: '2026-10-15T00:00:00.000Z',
      end: '2026-11-15T00:00:00.000Z',
    });
  });

  it('anchor day 28 across February', () => {
    expect(periodContaining(at('2027-03-01T00:00:00Z'), 28)).toEqual({
      start: '2027-02-28T00:00:00.000Z',
      end: '2027-03-28T00:00:00.000Z',
    });
  });

  it('crosses the year end forwards and backwards', () => {
    expect(periodContaining(at('2026-12-20T00:00:00Z'), 15)).toEqual({
      start: '2026-12-15T00:00:00.000Z',
      end: '2027-01-15T00:00:00.000Z',
    });
    expect(periodContaining(at('2027-01-03T00:00:00Z'), 15)).toEqual({
      start: '2026-12-15T00:00:00.000Z',
      end: '2027-01-15T00:00:00.000Z',
    });
  });

  it('an instant exactly at the anchor starts the new period', () => {
    expect(periodContaining(at('2026-11-15T00:00:00.000Z'), 15).start).toBe('2026-11-15T00:00:00.000Z');
    expect(periodContaining(at('2026-12-01T00:00:00.000Z'), 1).start).toBe('2026-12-01T00:00:00.000Z');
  });

  it('handles leap years', () => {
    expect(periodContaining(at('2028-02-29T12:00:00Z'), 28)).toEqual({
      start: '2028-02-28T00:00:00.000Z',
      end: '2028-03-28T00:00:00.000Z',
    });
    expect(periodContaining(at('2028-02-29T12:00:00Z'), 1)).toEqual({
      start: '2028-02-01T00:00:00.000Z',
      end: '2028-03-01T00:00:00.000Z',
    });
  });

  it('always contains the instant (start inclusive, end exclusive)', () => {
    for (let day = 1; day <= 28; day++) {
      for (const iso of [
        '2026-01-01T00:00:00Z',
        '2026-02-28T23:59:59Z',
        '2028-02-29T00:00:00Z',
        '2026-12-31T23:59:59Z',
      ]) {
        const p = periodContaining(at(iso), day);
        const instant = at(iso).toISOString();
        expect(p.start <= instant && instant < p.end).toBe(true);
      }
    }
  });
});

describe('isPeriodOver', () => {
  const period = { end: '2026-12-01T00:00:00.000Z' };

  it('is false before the end, true at and after it', () => {
    expect(isPeriodOver(period, '2026-11-30T23:59:59.999Z')).toBe(false);
    expect(isPeriodOver(period, '2026-12-01T00:00:00.000Z')).toBe(true);
    expect(isPeriodOver(period, '2027-01-01T00:00:00.000Z')).toBe(true);
  });
});
