import type { AllotStore } from '@allot/core';
import { CommitOutcomeUnknown, type StoreTransaction } from '@allot/core/port';

/**
 * What the next transaction of a {@link lossyCommits} store suffers: its commit's answer lost
 * after it committed (`after`), the connection lost before COMMIT reached the server (`before`),
 * or a plain failure that wrote nothing (`down`).
 */
export type CommitFault = 'after' | 'before' | 'down';

/**
 * The same store, with `uncertainCommits` set and a queue of faults its next transactions
 * suffer, one each (then they pass through): the faults a network database shows, on any store.
 */
export function lossyCommits(store: AllotStore): { store: AllotStore; plan(...faults: CommitFault[]): void } {
  const queue: CommitFault[] = [];
  async function transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    const fault = queue.shift();
    if (fault === 'down') throw new Error('connect ECONNREFUSED (injected)');
    if (fault === 'before') {
      const rolledBack = new Error('rolled back (injected)');
      await store
        .transaction(async (tx) => {
          await fn(tx);
          throw rolledBack;
        })
        .catch((error: unknown) => {
          if (error !== rolledBack) throw error;
        });
      throw new CommitOutcomeUnknown('Connection lost before COMMIT arrived (injected).');
    }
    const result = await store.transaction(fn);
    if (fault === 'after')
      throw new CommitOutcomeUnknown('Connection lost after COMMIT was sent (injected).');
    return result;
  }
  const lossy: AllotStore = Object.create(store, {
    uncertainCommits: { value: true, configurable: true },
    transaction: { value: transaction, configurable: true },
  });
  return { store: lossy, plan: (...faults) => void queue.push(...faults) };
}
