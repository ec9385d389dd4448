import type { FieldIssue } from '@allot/core';
import type { AllotProblem } from './problem';

const BRAND = Symbol.for('@allot/react.AllotHttpError');

/**
 * What every client method rejects with when the server answers outside 2xx (or cannot be
 * reached): the server's problem details, typed. Hooks expose it as their `error`.
 *
 * @example
 * ```ts
 * try {
 *   await client.assign({ userId: 'bob', total: 50_000 });
 * } catch (error) {
 *   if (isAllotHttpError(error) && error.code === 'insufficient_pool') showPoolError(error.detail);
 * }
 * ```
 */
export class AllotHttpError extends Error {
  /** The problem details the server answered with. */
  readonly problem: AllotProblem;

  constructor(problem: AllotProblem) {
    super(problem.detail);
    this.name = 'AllotHttpError';
    this.problem = problem;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** The Allot error code (`insufficient_pool`, `validation`, …). */
  get code(): AllotProblem['code'] {
    return this.problem.code;
  }

  /** The HTTP status; 0 when the request never got an answer. */
  get status(): number {
    return this.problem.status;
  }

  /** The sentence that says what went wrong. */
  get detail(): string {
    return this.problem.detail;
  }

  /** The invalid fields of a `validation` error (empty otherwise). */
  get issues(): FieldIssue[] {
    return this.problem.issues ?? [];
  }

  /** True when the problem carries this code. */
  is(code: AllotProblem['code']): boolean {
    return this.problem.code === code;
  }
}

/**
 * True when `value` is an {@link AllotHttpError}, checked by brand so two installed copies of
 * this package still recognise each other's errors.
 *
 * @example
 * ```ts
 * if (isAllotHttpError(mutation.error)) console.log(mutation.error.code);
 * ```
 */
export function isAllotHttpError(value: unknown): value is AllotHttpError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
