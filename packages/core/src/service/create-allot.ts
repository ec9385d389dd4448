import { createIdGenerator, type IdGenerator } from '../ids';
import type { AllotStore } from '../port';
import type { Allot } from './allot';
import { createCommands } from './commands';
import { createReads } from './reads';

/**
 * Options of {@link createAllot}.
 *
 * @example
 * ```ts
 * const options: AllotOptions = {
 *   store: createMemoryStore(),
 *   clock: () => new Date('2026-11-25T10:00:00Z'),
 * };
 * ```
 */
export interface AllotOptions {
  /** Where state and the journal live: `@allot/memory`, `@allot/sqlite`, `@allot/postgres` or your own adapter. */
  store: AllotStore;
  /** The current time; inject one to test billing-period rollover. Defaults to the system clock. */
  clock?: () => Date;
  /** Generates ids for organizations, requests and journal entries. Defaults to time-ordered UUIDs. */
  newId?: IdGenerator;
}

/**
 * Creates an Allot instance over a store. Every method takes one object with an `actor` and
 * returns a neverthrow `ResultAsync`; nothing throws across this API.
 *
 * @example
 * ```ts
 * import { actors, createAllot } from '@allot/core';
 * import { createMemoryStore } from '@allot/memory';
 *
 * const allot = createAllot({ store: createMemoryStore() });
 * const org = await allot.createOrganization({
 *   actor: actors.system(),
 *   name: 'Acme',
 *   domains: ['acme.com'],
 *   monthlyPool: 10_000,
 *   admins: [{ userId: 'u1', email: 'ada@acme.com', name: 'Ada' }],
 * });
 * ```
 */
export function createAllot(options: AllotOptions): Allot {
  const now = options.clock ?? (() => new Date());
  const rt = {
    store: options.store,
    now,
    newId: options.newId ?? createIdGenerator(() => now().getTime()),
    periodEnds: new Map<string, string>(),
  };
  return { store: options.store, ...createCommands(rt), ...createReads(rt) };
}
