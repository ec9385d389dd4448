import type { Allot, AllotEvent, AllotEventOf, AllotEventType } from '@allot/core';

/** The events of one organization a test received, in delivery order. */
export interface EventLog {
  /** Every delivery so far (a redelivered event appears again). */
  readonly all: AllotEvent[];
  /** The deliveries of one type. */
  of<T extends AllotEventType>(type: T): AllotEventOf<T>[];
  /** Waits for the pending pool-alert checks, delivers everything due and returns the log. */
  flush(): Promise<AllotEvent[]>;
  /** Stops recording. */
  stop(): void;
}

/**
 * Subscribes to every event of `orgId` delivered through `allot` (the outbox is shared by every
 * organization on the store, so other organizations' events are skipped).
 */
export function recordEvents(allot: Allot, orgId: string): EventLog {
  const all: AllotEvent[] = [];
  const unsubscribe = allot.on('*', (event) => {
    if (event.orgId === orgId) all.push(event);
  });
  return {
    all,
    of: <T extends AllotEventType>(type: T) => all.filter((e): e is AllotEventOf<T> => e.type === type),
    async flush() {
      await allot.events.flush();
      return all;
    },
    stop: unsubscribe,
  };
}
