/** What the fault test tells each worker. */
export interface FaultJob {
  /** Through the fault proxy. */
  url: string;
  schema: string;
  orgId: string;
  userIds: string[];
  worker: number;
  /** Each worker stops starting calls after this long. */
  durationMs: number;
}

/** What a worker reports when its time is up. */
export interface FaultReport {
  kind: 'report';
  calls: number;
  /** Keys of consumes answered ok. */
  consumed: string[];
  /** Tags (descriptions) of unkeyed top-ups answered ok. */
  toppedUp: string[];
  /** Tags of unkeyed top-ups answered outcome_unknown (may or may not have been applied). */
  unknownTopUps: string[];
  /** Count of each error code seen (every retry counted). */
  codes: Record<string, number>;
  /** Errors that were not typed AllotErrors (thrown, or an unexpected code). */
  untyped: string[];
}
