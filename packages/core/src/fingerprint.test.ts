import { describe, expect, it } from 'vitest';
import { fingerprint } from './fingerprint';

describe('fingerprint', () => {
  it('does not depend on key order, at any depth', () => {
    expect(fingerprint({ a: 1, b: { c: 2, d: [1, { e: 3, f: 4 }] } })).toBe(
      fingerprint({ b: { d: [1, { f: 4, e: 3 }], c: 2 }, a: 1 }),
    );
  });

  it('drops undefined properties', () => {
    expect(fingerprint({ a: 1, b: undefined })).toBe(fingerprint({ a: 1 }));
    expect(fingerprint({ nested: { x: undefined, y: 2 } })).toBe(fingerprint({ nested: { y: 2 } }));
  });

  it('keeps null distinct from a missing property', () => {
    expect(fingerprint({ a: null })).not.toBe(fingerprint({}));
  });

  it('keeps array order significant', () => {
    expect(fingerprint([1, 2])).not.toBe(fingerprint([2, 1]));
  });

  it('tells different values apart', () => {
    expect(fingerprint({ amount: 10 })).not.toBe(fingerprint({ amount: 11 }));
    expect(fingerprint({ amount: 10 })).not.toBe(fingerprint({ amount: '10' }));
  });

  it('is canonical JSON', () => {
    expect(fingerprint({ b: 2, a: 'x' })).toBe('{"a":"x","b":2}');
    expect(fingerprint('plain')).toBe('"plain"');
  });
});
