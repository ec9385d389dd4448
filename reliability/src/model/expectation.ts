import type { AllotErrorCode } from '@allot/core';

/** What the model says a call must do. */
export interface Expectation {
  code: 'ok' | AllotErrorCode;
  /** Journal entries a success writes (the command's own, not the expiries before it). */
  entries: number;
  /** Holds the call expired before it ran (one `hold_released` entry each, under no key). */
  expired?: number;
  /** For a replay under a remembered key: the result the first success returned. */
  replay?: unknown;
  /** Applies a fresh success to the model; `value` is what the real call returned (for new ids). */
  apply?: (value: unknown) => void;
  /** For a read: the differences between its answer and the model ([] when they agree). */
  check?: (value: unknown) => string[];
}

export const refuse = (code: AllotErrorCode): Expectation => ({ code, entries: 0 });
