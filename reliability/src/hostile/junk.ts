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
