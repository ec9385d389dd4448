import fc from 'fast-check';

/** Keys that have bitten JSON handlers before, plus the names of real fields (with junk values). */
const nastyKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'orgId',
  'actor',
  'userId',
  'idempotencyKey',
  'total',
  'amount',
  'role',
  'message',
  'reason',
  'usageId',
  'holdId',
  'ttlSeconds',
  'memberAlerts',
  'monthlyPool',
  'thresholds',
  'metadata',
  'type',
  'from',
  'to',
  'limit',
  'offset',
  'cursor',
  'status',
  'search',
];

export const junkKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nastyKeys) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

const nastyNumbers = fc.constantFrom(
  0,
  -0,
  -1,
  0.5,
  -0.000001,
  1e308,
  -1e308,
  2 ** 53,
  2 ** 53 + 2,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
);

const nastyStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'NaN',
  'Infinity',
  '-1',
  '1e400',
  '0x10',
  'null',
  'true',
  '[]',
  '{}',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE journal; --",
  '=cmd|/c calc',
  '\u202e\u0301\ud83d\ude00',
  '\ud800',
  'x'.repeat(5000),
);

/** A junk JSON-ish value: wrong types, extreme numbers, odd strings, nesting. */
export const junkValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyNumbers,
    nastyStrings,
    fc.double(),
    fc.integer(),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => Number(n)),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(junkKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A junk JSON body (what arrives after JSON.stringify and JSON.parse). */
export const junkBody: fc.Arbitrary<unknown> = fc
  .oneof(
    { weight: 5, arbitrary: fc.dictionary(junkKey, junkValue, { minKeys: 1, maxKeys: 6 }) },
    { weight: 1, arbitrary: junkValue },
  )
  .map((value) => JSON.parse(JSON.stringify(value) ?? 'null') as unknown);

/** Text that is not JSON at all. */
export const notJson = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom('{', '{"a":', "{'a':1}", '[1,]', 'NaN', '\u0000'),
  )
  .filter((text) => {
    // An empty body with a JSON content type reads as `{}`, which some routes accept.
    if (text.length === 0) return false;
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });

/** A query string value: a string or a repeated key. */
export const junkQueryValue = fc.oneof(
  nastyStrings,
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.array(fc.string({ maxLength: 10 }), { minLength: 2, maxLength: 3 }),
);

/** A path segment: empty, blank, too long, unicode, encoded slashes, or an id that does not exist. */
export const junkSegment = fc.oneof(
  nastyStrings,
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  fc.constantFrom(' ', '   ', 'a'.repeat(201), '%', '..', '.', 'nobody', 'a/b', '?x=1', '#frag'),
);

/** Printable ASCII, as HTTP header values must be. */
export const headerText = fc
  .string({ unit: 'binary-ascii', maxLength: 60 })
  .map((s) => s.replace(/[^\x20-\x7e]/g, ''));

/** Query-string encoding that keeps whatever is in the key and value. */
export function queryString(query: [string, string | string[]][]): string {
  const pairs = query.flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => `${encodeSegment(key)}=${encodeSegment(v)}`),
  );
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** encodeURIComponent that survives lone surrogates (they become U+FFFD). */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(
    segment.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
  );
}
