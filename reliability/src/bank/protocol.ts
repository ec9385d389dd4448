import type { StoreSpec } from '../support/store-spec';

/** What a bank worker is told to do. */
export type BankJob =
  | {
      mode: 'bank';
      spec: StoreSpec;
      orgId: string;
      domain: string;
      workerId: number;
      seed: number;
      userIds: string[];
      /** In-flight operations this worker keeps going at once. */
      concurrency: number;
      durationMs: number;
      /** Share of operations sent twice with the same key (half of them concurrently). */
      duplicateRate: number;
      /** Share of operations that are a `consumeMany` batch of 2–8 consumes (0: none). */
      batchRate: number;
    }
  | {
      mode: 'hot';
      spec: StoreSpec;
      orgId: string;
      domain: string;
      workerId: number;
      userId: string;
      /** How many consumes of 1 credit to fire at once. */
      count: number;
    };

export type ToWorker = { type: 'start'; job: BankJob } | { type: 'go' } | { type: 'status' };

/** What a worker saw, sent back when it is done. */
export interface WorkerReport {
  workerId: number;
  operations: number;
  codes: Record<string, number>;
  /** The same, per command (`reserve` → `{ ok: 12, insufficient_credits: 3 }`). */
  codesByKind: Record<string, Record<string, number>>;
  /** Entry ids that successful calls returned. */
  acknowledgedEntryIds: string[];
  /** Keys whose call succeeded and wrote entries. */
  acknowledgedKeys: string[];
  /** Keys whose every attempt was refused. */
  rejectedKeys: string[];
  duplicates: number;
  concurrentDuplicates: number;
  /** Keys whose successful answers differed (must stay empty). */
  duplicateMismatches: string[];
  /** Thrown errors, rejected promises or refusals that should not happen (must stay empty). */
  unexpected: string[];
  /** Successful consumes (distinct keys). */
  consumed: number;
  /** Retries after `store_unavailable` (same key). */
  retries: number;
  /** `consumeMany` batches sent (each event is also counted as a consume operation). */
  batches: number;
  /** The longest a single call took, in ms. */
  slowestMs: number;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; report: WorkerReport }
  | { type: 'failed'; error: string }
  /** The answer to `status`: what is still in flight (sent only if the event loop is free). */
  | { type: 'status'; workerId: number; operations: number; inFlight: string[] };
