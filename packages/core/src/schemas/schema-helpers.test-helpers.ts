import type { z } from 'zod';
import { fromZodError } from '../errors';

/**
 * The dotted paths of the issues `schema` reports for `value` (empty when it parses), as the
 * public API reports them through `fromZodError`.
 *
 * @example
 * expect(issuePaths(assignInput, { orgId: 'o', userId: 'u', total: -1 })).toEqual(['total']);
 */
export function issuePaths(schema: z.ZodType, value: unknown): string[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : [...new Set(fromZodError(parsed.error).issues.map((i) => i.path))];
}

/**
 * The parsed output of `value`; throws (failing the test) with the issues when it does not parse.
 *
 * @example
 * expect(parsed(consumeInput, base).description).toBe('');
 */
export function parsed<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new Error(`expected a parse, got ${JSON.stringify(fromZodError(result.error).issues)}`);
  return result.data;
}

/** Numbers no credit field accepts: NaN, ±Infinity, fractions, beyond the safe integer range. */
export const NEVER_CREDITS: [string, unknown][] = [
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['a fraction', 1.5],
  ['a negative', -1],
  ['beyond MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER + 1],
  ['a numeric string', '5'],
  ['null', null],
];
