import type { AllotStore } from '../port';
import type { AllotEvent, AllotEventOf, AllotEventType } from '../schemas/events';

/**
 * A subscriber: receives each event of its type at least once, after the change committed.
 * Throwing (or rejecting) makes the dispatcher deliver the event again later.
 *
 * @example
 * ```ts
 * const handler: AllotEventHandler<'journal.entry'> = (event) => console.log(event.entry.type);
 * ```
 */
export type AllotEventHandler<T extends AllotEventType | '*'> = (
  event: T extends AllotEventType ? AllotEventOf<T> : AllotEvent,
) => unknown;

/**
 * How the event dispatcher delivers (all optional).
 *
 * @example
 * ```ts
 * const allot = createAllot({ store, events: { pollIntervalMs: 500, onError: (e) => log.warn(e) } });
 * ```
 */
export interface EventOptions {
  /** How often to look for due events written by other processes or due for a retry. Default 1000 ms. */
  pollIntervalMs?: number;
  /** How long a claimed event is reserved for this process before another may deliver it. Default 30 s. */
  leaseMs?: number;
  /** Events claimed per round. Default 100. */
  batchSize?: number;
  /** Delay before the next try after `attempts` failed deliveries. Default: 1 s doubling, at most 5 min. */
  retryDelayMs?: (attempts: number) => number;
  /**
   * Pool alerts are checked after commits that move usage, at most once per this many ms per
   * organization (a check sums the organization's members). Default 1000 ms.
   */
  poolAlertIntervalMs?: number;
  /** Told about failed deliveries and store errors; the dispatcher keeps going either way. */
  onError?: (error: unknown, event?: AllotEvent) => void;
}

/**
 * Delivers committed events from the store's outbox to subscribers.
 *
 * @example
 * ```ts
 * const unsubscribe = allot.events.on('*', (event) => console.log(event.type));
 * await allot.events.flush(); // deliver what is due now (tests, scripts)
 * await allot.events.stop();  // before closing the store
 * ```
 */
export interface EventBus {
  /**
   * Subscribes and starts delivery; returns the unsubscribe function. Throws on an instance with
   * events off (the default; `createAllot({ store, events: true })` turns them on).
   */
  on<T extends AllotEventType | '*'>(type: T, handler: AllotEventHandler<T>): () => void;
  /** Starts polling the outbox (subscribing does it for you). */
  start(): void;
  /**
   * Waits for pending pool-alert checks, then (when anyone subscribed) delivers every due event
   * until none is left. Failed deliveries stay in the outbox for their retry.
   */
  flush(): Promise<void>;
  /** Stops polling and waits for the delivery in progress. */
  stop(): Promise<void>;
}

const defaultRetryDelay = (attempts: number) => Math.min(1000 * 2 ** (attempts - 1), 300_000);

/** Background work the bus waits for before delivering (the post-commit pool-alert checks). */
export interface PendingWork {
  settled(): Promise<void>;
}

/** Creates the dispatcher over a store's outbox. `kick()` asks for a delivery round soon. */
export function createEventBus(
  store: AllotStore,
  pending: PendingWork,
  options: EventOptions = {},
): EventBus & { kick(): void } {
  const handlers = new Map<string, Set<(event: AllotEvent) => unknown>>();
  const leaseMs = options.leaseMs ?? 30_000;
  const batchSize = options.batchSize ?? 100;
  const retryDelay = options.retryDelayMs ?? defaultRetryDelay;
  const report = options.onError ?? (() => {});
  let timer: ReturnType<typeof setInterval> | undefined;
  let round: Promise<void> | null = null;
  let again = false;

  const subscribed = () => [...handlers.values()].some((set) => set.size > 0);

  async function deliver(event: AllotEvent): Promise<void> {
    for (const handler of [...(handlers.get(event.type) ?? []), ...(handlers.get('*') ?? [])]) {
      await handler(event);
    }
  }

  /** Claims and delivers due events until a claim comes back short; true when it got a full batch. */
  async function deliverBatch(): Promise<boolean> {
    const now = Date.now();
    const claimed = await store.claimEvents({
      now: new Date(now).toISOString(),
      leaseUntil: new Date(now + leaseMs).toISOString(),
      limit: batchSize,
    });
    const delivered: string[] = [];
    for (const { event, attempts, ref } of claimed) {
      try {
        await deliver(event);
        delivered.push(ref);
      } catch (error) {
        report(error, event);
        await store.retryEvent({
          ref,
          availableAt: new Date(Date.now() + retryDelay(attempts)).toISOString(),
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    if (delivered.length > 0) await store.completeEvents({ refs: delivered });
    return claimed.length === batchSize;
  }

  /** One delivery round at a time; a kick during a round runs one more after it. */
  function runRound(): Promise<void> {
    if (round) {
      again = true;
      return round;
    }
    round = (async () => {
      for (;;) {
        again = false;
        try {
          while (subscribed() && (await deliverBatch())) {}
        } catch (error) {
          report(error);
        }
        // Decide and clear in one step, so a caller arriving now starts a new round.
        if (!again) {
          round = null;
          return;
        }
      }
    })();
    return round;
  }

  const bus = {
    on<T extends AllotEventType | '*'>(type: T, handler: AllotEventHandler<T>): () => void {
      const set = handlers.get(type) ?? new Set();
      handlers.set(type, set);
      const entry = handler as (event: AllotEvent) => unknown;
      set.add(entry);
      bus.start();
      return () => {
        set.delete(entry);
      };
    },
    start(): void {
      if (timer) return;
      timer = setInterval(() => void runRound(), options.pollIntervalMs ?? 1000);
      timer.unref?.();
      bus.kick();
    },
    kick(): void {
      if (timer && subscribed()) setTimeout(() => timer && void runRound(), 0);
    },
    async flush(): Promise<void> {
      await pending.settled();
      if (!subscribed()) return;
      // A round already running re-runs once it ends, so it sees events committed before this call.
      await runRound();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await pending.settled();
      await round;
    },
  };
  return bus;
}
