import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  actorId,
  description,
  domain,
  email,
  id,
  idempotencyKey,
  isStorableText,
  metadata,
  personName,
  storableText,
} from './primitives';
import { issuePaths, parsed } from './schema-helpers.test-helpers';

/** Strings no store keeps as given, each with what is wrong with it. */
const UNSTORABLE: [string, string][] = [
  ['NUL', 'a\u0000b'],
  ['NUL alone', '\u0000'],
  ['a lone high surrogate', '\ud800'],
  ['a lone low surrogate', '\udc00'],
  ['the first half of an emoji at the end', 'ok \ud83d'],
  ['the second half of an emoji at the start', '\ude00 ok'],
  ['two high surrogates in a row', '\ud83d\ud83d\ude00'],
  ['a low surrogate before its high one', '\ude00\ud83d'],
];

/** Text every store keeps byte for byte. */
const STORABLE: [string, string][] = [
  ['ASCII', 'Render job 42'],
  ['an emoji (a surrogate pair)', 'Render 🎨 done 😀'],
  ['an emoji with a zero-width joiner and a skin tone', '👩🏽‍💻'],
  ['CJK', '画像を生成'],
  ['combining marks', 'e\u0301 n\u0303 Z\u0336'],
  ['right-to-left text', 'שלום'],
  ['the last code point', '\u{10ffff}'],
  ['a replacement character', '\ufffd'],
];

describe('isStorableText', () => {
  it.each(UNSTORABLE)('refuses %s', (_what, value) => {
    expect(isStorableText(value)).toBe(false);
  });

  it.each(STORABLE)('accepts %s', (_what, value) => {
    expect(isStorableText(value)).toBe(true);
  });

  it('agrees with String.prototype.isWellFormed on surrogates', () => {
    // ES2024, so not in the ES2023 lib the packages compile against; Node ≥ 20 has it.
    const isWellFormed = (value: string) => (value as string & { isWellFormed(): boolean }).isWellFormed();
    const units = ['a', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00'];
    for (const first of units)
      for (const second of units)
        for (const third of units) {
          const value = first + second + third;
          expect(isStorableText(value), JSON.stringify(value)).toBe(isWellFormed(value));
        }
  });
});

/** Every string primitive, with a value it accepts (the bad character is appended to it). */
const PRIMITIVES: [string, z.ZodType, string][] = [
  ['storableText', storableText, 'x'],
  ['id', id, 'acme'],
  ['actorId', actorId, 'ada'],
  ['idempotencyKey', idempotencyKey, 'job-1'],
  ['personName', personName, 'Ada'],
  ['description', description, 'Render'],
  ['email', email, 'ada@acme.com'],
  ['domain', domain, 'acme.com'],
];

describe('string primitives', () => {
  it.each(PRIMITIVES)('%s refuses NUL and unpaired surrogates anywhere', (_name, schema, good) => {
    expect(schema.safeParse(good).success).toBe(true);
    for (const [what, bad] of UNSTORABLE) {
      expect(schema.safeParse(good + bad).success, what).toBe(false);
      expect(schema.safeParse(bad + good).success, what).toBe(false);
    }
  });

  it.each(PRIMITIVES.filter(([name]) => !['email', 'domain'].includes(name)))(
    '%s says what is wrong',
    (_name, schema, good) => {
      const result = schema.safeParse(`${good}\ud800`);
      expect(result.error?.issues.map((i) => i.message)).toContain(
        'must not contain NUL (U+0000) or an unpaired surrogate',
      );
    },
  );

  it.each([
    ['description', description],
    ['personName', personName],
    ['id', id],
  ] as const)('%s keeps non-ASCII text exactly', (_name, schema) => {
    for (const [, value] of STORABLE) expect(parsed(schema, value)).toBe(value);
  });
});

describe('actorId', () => {
  it.each([' ada', 'ada ', ' ada ', '\tada', 'ada\n', '\u00a0ada', 'ada\u3000', '\ufeffada'])(
    'refuses %j (surrounding whitespace is not trimmed)',
    (value) => {
      const result = actorId.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toContain('must not begin or end with whitespace');
    },
  );

  it('accepts inner spaces and non-ASCII ids as given', () => {
    expect(parsed(actorId, 'ada lovelace')).toBe('ada lovelace');
    expect(parsed(actorId, 'ユーザー😀')).toBe('ユーザー😀');
  });

  it('refuses an empty or blank id', () => {
    expect(actorId.safeParse('').success).toBe(false);
    expect(actorId.safeParse('   ').success).toBe(false);
  });

  it('differs from id, which trims', () => {
    expect(parsed(id, ' ada ')).toBe('ada');
    expect(actorId.safeParse(' ada ').success).toBe(false);
  });
});

describe('metadata', () => {
  it('refuses an unstorable string value, naming its key', () => {
    expect(issuePaths(metadata, { jobId: 'j\u0000' })).toEqual(['jobId']);
    expect(issuePaths(metadata, { ok: 'fine', jobId: '\ud800' })).toEqual(['jobId']);
  });

  it('refuses an unstorable key on metadata itself, without repeating the key', () => {
    for (const [, bad] of UNSTORABLE) {
      const result = metadata.safeParse({ [`job${bad}`]: 1 });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['']);
      expect(result.error?.issues.every((i) => isStorableText(i.message))).toBe(true);
    }
  });

  it('keeps non-ASCII keys and values exactly', () => {
    const value = { ジョブ: '画像 🎨', 'caf\u00e9': 'e\u0301', '😀': 1 };
    expect(parsed(metadata, value)).toEqual(value);
  });
});
