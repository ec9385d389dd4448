import { describe, expect, it } from 'vitest';
import { createIdGenerator } from './ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createIdGenerator', () => {
  it('makes UUIDv7-shaped ids', () => {
    const next = createIdGenerator();
    for (let i = 0; i < 20; i++) expect(next()).toMatch(UUID_V7);
  });

  it('makes unique ids', () => {
    const next = createIdGenerator(() => 1_700_000_000_000);
    const ids = Array.from({ length: 5000 }, () => next());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sorts in creation order within the same millisecond', () => {
    const next = createIdGenerator(() => 1_700_000_000_000);
    const ids = Array.from({ length: 1000 }, () => next());
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps creation order past 4096 ids in one millisecond', () => {
    const next = createIdGenerator(() => 1_700_000_000_000);
    const ids = Array.from({ length: 10_000 }, () => next());
    expect([...ids].sort()).toEqual(ids);
  });

  it('sorts in creation order across milliseconds', () => {
    let ms = 1_700_000_000_000;
    const next = createIdGenerator(() => ms);
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      ids.push(next(), next());
      ms += 1;
    }
    expect([...ids].sort()).toEqual(ids);
  });

  it('never goes backwards when the clock does', () => {
    let ms = 1_700_000_000_500;
    const next = createIdGenerator(() => ms);
    const first = next();
    ms -= 400;
    const second = next();
    expect(second > first).toBe(true);
  });

  it('puts the milliseconds first', () => {
    const ms = 0x0123456789ab;
    expect(
      createIdGenerator(() => ms)()
        .replace(/-/g, '')
        .slice(0, 12),
    ).toBe('0123456789ab');
  });
});
