import { type AllotError, isAllotError } from '@allot/core';
import type { ResultAsync } from 'neverthrow';

/** A call's outcome as plain data. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AllotError };

/** Awaits an Allot call and returns its outcome; a rejected promise is rethrown (it must never happen). */
export async function settle<T>(call: ResultAsync<T, AllotError>): Promise<Outcome<T>> {
  const result = await call;
  return result.isOk() ? { ok: true, value: result.value } : { ok: false, error: result.error };
}

/** The value of a call that must succeed. */
export async function must<T>(call: ResultAsync<T, AllotError>): Promise<T> {
  const outcome = await settle(call);
  if (!outcome.ok) throw new Error(`Expected success, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

/** The error code of an outcome, or 'ok'. */
export function codeOf(outcome: Outcome<unknown>): string {
  return outcome.ok ? 'ok' : outcome.error.code;
}

/** True for an error value Allot returned (branded), as opposed to anything thrown. */
export function isTypedError(value: unknown): value is AllotError {
  return isAllotError(value);
}
