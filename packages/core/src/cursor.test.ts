import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('encodeCursor / decodeCursor', () => {
  it('round-trips a cursor', () => {
    const cursor = { at: '2026-11-25T10:00:00.000Z', id: '0193f2a1-7000-7abc-8def-0123456789ab' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('is URL-safe (no +, / or = padding)', () => {
    for (let i = 0; i < 50; i++) {
      const encoded = encodeCursor({ at: '2026-11-25T10:00:00.000Z', id: `id-??>>${'~'.repeat(i)}` });
      expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });

  it('round-trips unicode ids and ids containing the separator', () => {
    for (const id of ['ユーザー-1', 'emoji-😀', 'a|b|c', 'ünïcödé']) {
      const cursor = { at: '2026-01-01T00:00:00.000Z', id };
      expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    }
  });

  it.each([
    ['an empty string', ''],
    ['characters outside base64url', 'abc$%^'],
    ['standard base64 with padding', `${btoa('2026-01-01T00:00:00.000Z|x')}==`],
    ['an impossible length', 'a'],
    ['text without the separator', btoa('no separator here').replace(/=+$/, '')],
    ['a bad date', btoa('yesterday|id-1').replace(/=+$/, '')],
    ['an empty id', btoa('2026-01-01T00:00:00.000Z|').replace(/=+$/, '')],
    ['bytes that are not UTF-8', btoa(String.fromCharCode(0xff, 0xfe, 0x7c, 0x41)).replace(/=+$/, '')],
  ])('decodes %s to null', (_label, value) => {
    expect(decodeCursor(value)).toBeNull();
  });
});
