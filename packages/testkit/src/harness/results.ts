import type { AllotError, AllotErrorCode } from '@allot/core';
import { expect } from 'vitest';

/** What every Allot call resolves to (a neverthrow `Result`), typed structurally. */
export interface ResultLike<T> {
  match<A, B = A>(onOk: (value: T) => A, onErr: (error: AllotError) => B): A | B;
}

/** An Allot call in flight (a neverthrow `ResultAsync`), typed structurally. */
export interface Call<T> {
  then<A, B>(
    onResult?: (result: ResultLike<T>) => A | PromiseLike<A>,
    onFailure?: (reason: unknown) => B | PromiseLike<B>,
  ): PromiseLike<A | B>;
}

/**
 * Awaits a call that must succeed and returns its value; fails the test with the error otherwise.
 *
 * @example
 * const org = await ok(allot.createOrganization({ actor: actors.system(), ... }));
 */
export async function ok<T>(call: Call<T>): Promise<T> {
  const result = await call;
  return result.match(
    (value) => value,
    (error) => {
      throw new Error(`Expected success, got ${error.code}: ${error.message}`);
    },
  );
}

/**
 * Awaits a call that must fail with `code` and returns the error, narrowed to that code.
 *
 * @example
 * const error = await fails(allot.revoke({ ... amount: 500 }), 'insufficient_credits');
 * expect(error.available).toBe(100);
 */
export async function fails<C extends AllotErrorCode>(
  call: Call<unknown>,
  code: C,
): Promise<Extract<AllotError, { code: C }>> {
  const error = await errorOf(call);
  expect(error.code, error.message).toBe(code);
  expect(error.message.length).toBeGreaterThan(0);
  return error as Extract<AllotError, { code: C }>;
}

/** Awaits a call that must fail and returns its error, whatever the code. */
export async function errorOf(call: Call<unknown>): Promise<AllotError> {
  const result = await call;
  return result.match(
    () => {
      throw new Error('Expected the call to fail, but it succeeded.');
    },
    (error) => error,
  );
}

/** How many settled calls succeeded and how many failed with each error code. */
export function codes(results: { ok: boolean; error?: { code: string } }[]): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const r of results) {
    const code = r.ok ? 'ok' : (r.error?.code ?? 'unknown');
    tally[code] = (tally[code] ?? 0) + 1;
  }
  return tally;
}

/** Awaits a call and tells success from failure without throwing (for concurrency tallies). */
export async function settle<T>(
  call: Call<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: AllotError }> {
  const result = await call;
  return result.match(
    (value) => ({ ok: true as const, value }),
    (error) => ({ ok: false as const, error }),
  );
}
