import { isStorableText } from '@allot/core';
import fc from 'fast-check';

/** One megabyte of text, plain and multi-byte, and one that a spreadsheet would run. */
const MEGABYTE = 1 << 20;
const bigStrings = [
  'x'.repeat(MEGABYTE),
  '\u00e9\ud83d\ude00'.repeat(MEGABYTE / 4),
  `=${'1+'.repeat(MEGABYTE / 2)}1`,
];

/** Objects whose keys have attacked JSON handlers before (built with JSON.parse so `__proto__` is an own key). */
const pollutingObjects = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"__proto__":{"__proto__":{"polluted":"yes"}},"amount":5}',
  '{"toString":"x","valueOf":1,"hasOwnProperty":null}',
].map((text) => JSON.parse(text) as unknown);

const numbers = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -1,
    -0,
    0.5,
    -1e-9,
    2 ** 53,
    2 ** 53 + 2,
    1e308,
    -1e308,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
  ),
  fc.double(),
  fc.integer({ min: -(2 ** 31), max: -1 }),
);

/** NUL and unpaired surrogates (both halves, and each half of an emoji): what no store can keep. */
export const unstorableCharacter = fc.constantFrom(
  '\u0000',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\ud83d',
  '\ude00',
);

/**
 * Ordinary text (any code points, emoji included) with NUL or an unpaired surrogate put in at
 * the start, the middle or the end, once or a few times — possibly between the halves of a pair.
 */
export const unstorableText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 })),
    fc.array(fc.tuple(fc.nat(), unstorableCharacter), { minLength: 1, maxLength: 3 }),
  )
  .map(([text, inserts]) =>
    inserts.reduce((value, [at, char]) => {
      const i = at % (value.length + 1);
      return value.slice(0, i) + char + value.slice(i);
    }, text),
  )
  // Two inserted halves can happen to make a valid pair; such text is not junk.
  .filter((value) => !isStorableText(value));

const strings = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '\u202e\u0301',
    'NaN',
    '1e400',
    '-5',
    '__proto__',
    'constructor',
    '=cmd|/c calc',
    "'; drop table journal; --",
    ...bigStrings,
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  unstorableText,
);

const odd = fc.constantFrom<unknown>(
  undefined,
  null,
  true,
  false,
  10n,
  Symbol('junk'),
  () => 1,
  new Date(Number.NaN),
  new Map([['a', 1]]),
  Object.create(null),
  ...pollutingObjects,
);

const key = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'amount',
    'orgId',
    'actor',
    'idempotencyKey',
    'type',
  ),
  fc.string({ maxLength: 12 }),
  unstorableText,
);

/** Anything: wrong types, extreme numbers, odd strings (up to 1 MB), polluting keys, nested junk. */
export const junk: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numbers,
    strings,
    odd,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Own keys that try to pollute prototypes, to merge into an otherwise ordinary call. */
export const pollution = fc.constantFrom(...pollutingObjects) as fc.Arbitrary<Record<string, unknown>>;
