import { describe, expect, it } from 'vitest';
import { forbiddenKeyIssues, parseInput } from './parse-input';
import { assignInput, consumeInput, updateSettingsInput } from './schemas/commands';
import { ledgerInput } from './schemas/queries';

const paths = (value: unknown) => forbiddenKeyIssues(value).map((i) => i.path);

describe('forbiddenKeyIssues', () => {
  it('finds own __proto__, constructor and prototype keys at any depth, naming each path', () => {
    expect(paths(JSON.parse('{"__proto__":1}'))).toEqual(['__proto__']);
    expect(paths(JSON.parse('{"a":{"b":[{"constructor":1}]},"prototype":2}'))).toEqual([
      'a.b.0.constructor',
      'prototype',
    ]);
    expect(paths({ metadata: { ['__proto__']: 'x' } })).toEqual(['metadata.__proto__']);
    expect(paths({ m: Object.defineProperty({}, '__proto__', { value: 1 }) })).toEqual(['m.__proto__']);
    expect(forbiddenKeyIssues(JSON.parse('{"__proto__":1}'))).toEqual([
      { path: '__proto__', message: 'is not allowed as a key', code: 'forbidden_key' },
    ]);
  });

  it('passes clean inputs, and a prototype set by a literal (no key is made)', () => {
    expect(paths({ orgId: 'acme', metadata: { jobId: 'j', n: 1 }, list: [1, 'a', null] })).toEqual([]);
    expect(paths({ __proto__: { admin: true } })).toEqual([]);
    expect(paths({ at: new Date(0), tags: new Map([['constructor', 1]]) })).toEqual([]);
    expect(paths(null)).toEqual([]);
    expect(paths('constructor')).toEqual([]);
  });

  it('walks deep and cyclic inputs without recursion or repetition', () => {
    let deep: Record<string, unknown> = JSON.parse('{"__proto__":1}');
    for (let i = 0; i < 200_000; i++) deep = { n: deep };
    expect(forbiddenKeyIssues(deep)).toHaveLength(1);
    const cyclic: Record<string, unknown> = { constructor: 1 };
    cyclic.self = cyclic;
    expect(paths(cyclic)).toEqual(['constructor']);
  });
});

describe('parseInput', () => {
  it('names each unknown key on its own path', () => {
    const parsed = parseInput(assignInput, { orgId: 'acme', userId: 'bob', total: 5, totl: 6, note: 'x' });
    expect(parsed).toEqual({
      success: false,
      issues: [
        { path: 'totl', message: 'is not a known field', code: 'unrecognized_keys' },
        { path: 'note', message: 'is not a known field', code: 'unrecognized_keys' },
      ],
    });
  });

  it('names unknown keys of nested inputs by their full path', () => {
    const settings = parseInput(updateSettingsInput, {
      orgId: 'acme',
      thresholds: { yellow: 1, red: 2, x: 3 },
    });
    expect(!settings.success && settings.issues.map((i) => i.path)).toEqual(['thresholds.x']);
    const ledger = parseInput(ledgerInput, { orgId: 'acme', filter: { type: 'usage', user: 'bob' } });
    expect(!ledger.success && ledger.issues.map((i) => i.path)).toEqual(['filter.user']);
  });

  it('refuses a forbidden key before the schema runs (a nested __proto__ zod would drop)', () => {
    const metadata = JSON.parse('{"jobId":"j","__proto__":"x"}');
    const parsed = parseInput(consumeInput, {
      orgId: 'a',
      userId: 'b',
      amount: 1,
      idempotencyKey: 'k',
      metadata,
    });
    expect(!parsed.success && parsed.issues.map((i) => i.path)).toEqual(['metadata.__proto__']);
  });

  it('returns the parsed value of a valid input', () => {
    expect(parseInput(assignInput, { orgId: ' acme ', userId: 'bob', total: 5 })).toEqual({
      success: true,
      data: { orgId: 'acme', userId: 'bob', total: 5 },
    });
  });
});
