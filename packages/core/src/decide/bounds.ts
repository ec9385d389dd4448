import { err, ok, type Result } from 'neverthrow';
import { errors, type ValidationError } from '../errors';

/**
 * The largest total Allot keeps: every pool, top-up, allocation, usage, hold, refund and balance
 * figure stays at or below it, so that a JavaScript number (and every adapter's column) holds it
 * exactly.
 *
 * @example
 * ```ts
 * MAX_TOTAL === Number.MAX_SAFE_INTEGER; // true: 9007199254740991
 * ```
 */
export const MAX_TOTAL = Number.MAX_SAFE_INTEGER;

/**
 * The exact sum of `terms` (added as BigInt, so nothing is rounded away) when it stays within
 * {@link MAX_TOTAL}; otherwise a `validation` error naming the input `field` and saying which
 * `total` would pass the limit. A term that is not a whole number is refused the same way.
 * Every decision that raises a total checks it with this before it writes anything.
 *
 * @example
 * ```ts
 * safeTotal('amount', 'the pool', org.monthlyPool, org.topUps, 2_000); // Ok(12_000) for a 10 000 pool
 * safeTotal('amount', 'the pool', Number.MAX_SAFE_INTEGER, 1);
 * // Err validation — "amount: the pool would exceed 9007199254740991 credits"
 * ```
 */
export function safeTotal(
  field: string,
  total: string,
  ...terms: readonly number[]
): Result<number, ValidationError> {
  let sum = 0n;
  for (const term of terms) {
    if (!Number.isInteger(term))
      return err(refusal(field, `${total} would not be a whole number of credits`, 'custom'));
    sum += BigInt(term);
  }
  if (sum > BigInt(MAX_TOTAL))
    return err(refusal(field, `${total} would exceed ${MAX_TOTAL} credits`, 'too_big'));
  return ok(Number(sum));
}

function refusal(field: string, why: string, code: 'too_big' | 'custom'): ValidationError {
  return errors.validation(`Invalid input — ${field}: ${why}.`, [{ path: field, message: why, code }]);
}
