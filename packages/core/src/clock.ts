/**
 * A clock tests can move: pass `clock.now` to `createAllot({ clock })`.
 *
 * @example
 * ```ts
 * const clock: ManualClock = createManualClock('2026-03-10T12:00:00Z');
 * clock.advance(60_000);
 * clock.now().toISOString(); // '2026-03-10T12:01:00.000Z'
 * ```
 */
export interface ManualClock {
  now: () => Date;
  set(instant: Date | string): void;
  advance(ms: number): void;
}

/**
 * Creates a {@link ManualClock} starting at `start`.
 *
 * @example
 * ```ts
 * const clock = createManualClock('2026-01-15T00:00:00Z');
 * const allot = createAllot({ store, clock: clock.now });
 * clock.set('2026-02-15T00:00:00Z'); // the next call rolls the billing period over
 * ```
 */
export function createManualClock(start: Date | string = new Date()): ManualClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (instant) => {
      current = new Date(instant).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
