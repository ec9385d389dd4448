import type { AllotStore } from '@allot/core';

/**
 * An adapter under test.
 *
 * @example
 * ```ts
 * const target: ConformanceTarget = { name: 'memory', createStore: createMemoryStore };
 * ```
 */
export interface ConformanceTarget {
  /** Shown in test names, e.g. 'memory', 'sqlite', 'postgres'. */
  name: string;
  /**
   * Called once per suite (beforeAll). Tests share the store and isolate by creating their own
   * organization (fresh random org id and random unique email domain per test).
   */
  createStore(): Promise<AllotStore> | AllotStore;
  /**
   * Called once after the suite (afterAll), e.g. to drop a schema. When omitted, the suite
   * calls the store's own `close()` if it has one.
   */
  destroyStore?(store: AllotStore): Promise<void> | void;
}
