import { describe, expect, it } from 'vitest';
import { copyJson } from './transaction';

describe('copyJson', () => {
  it('copies JSON-shaped data deeply: equal, and sharing no object with the original', () => {
    const original = { a: 1, b: 'x', c: null, d: [1, { e: true }], f: { g: { h: [] as unknown[] } } };
    const copy = copyJson(original);
    expect(copy).toEqual(original);
    expect(copy.d).not.toBe(original.d);
    expect(copy.d[1]).not.toBe(original.d[1]);
    expect(copy.f.g).not.toBe(original.f.g);
    (copy.f.g.h as unknown[]).push(1);
    expect(original.f.g.h).toEqual([]);
  });

  it('keeps an own __proto__ key an own key, never a prototype', () => {
    const original = JSON.parse('{"__proto__":{"admin":true},"x":1}') as Record<string, unknown>;
    const copy = copyJson(original);
    expect(Object.keys(copy)).toEqual(['__proto__', 'x']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { admin?: unknown }).admin).toBeUndefined();
  });
});
