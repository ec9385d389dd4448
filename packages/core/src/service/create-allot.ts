import { type AccessPolicy, DEFAULT_ACCESS_POLICY } from '../decide/authorize';
import { createIdGenerator, type IdGenerator } from '../ids';
import { type JournalKey, journalKeyBytes } from '../journal-chain';
import type { AllotStore } from '../port';
import type { Allot } from './allot';
import { createCommands } from './commands';
import { createEventBus, type EventBus, type EventOptions } from './events';
import { createPoolAlertChecker } from './pool-alerts';
import { createReads } from './reads';
import type { Runtime } from './runtime';
import { withoutOutbox } from './without-outbox';

/**
 * Options of {@link createAllot}.
 *
 * @example
 * ```ts
 * const options: AllotOptions = {
 *   store: createMemoryStore(),
 *   clock: () => new Date('2026-11-25T10:00:00Z'),
 *   adminsManagePool: true, // admins may top up and change the monthly pool
 *   forbidSelfApproval: true, // nobody approves their own request
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
  /**
   * Events, off by default. `true` (or delivery options) writes every command's events to the
   * store's outbox in its transaction and lets `allot.on(...)` subscribe; set it on every process
   * of a deployment that writes, so a process that subscribes can deliver what the others wrote.
   * Off, nothing is written to the outbox (alerts still move `Member.alerts` and
   * `Overview.alerts`) and `on()` throws saying how to turn them on.
   */
  events?: boolean | EventOptions;
  /**
   * Lets organization admins change their monthly pool and top it up (`updateSettings({
   * monthlyPool })`, `topUp`). Off by default: the pool is an entitlement the host's billing
   * grants, so only the `system` actor changes it and an admin gets `forbidden`. Email domains
   * stay the system actor's either way (the host verifies ownership).
   */
  adminsManagePool?: boolean;
  /**
   * Refuses an admin approving their own credit request (`forbidden`): another admin or the
   * host server must. Off by default.
   */
  forbidSelfApproval?: boolean;
  /**
   * A host secret (at least 16 bytes; 32 random bytes recommended) that makes the journal's hash
   * chain HMAC-SHA-256 instead of SHA-256: someone who edits rows and recomputes every hash
   * without it is caught by `verifyJournal`. Keep it out of the database. Entries written before
   * a key was set keep their SHA-256 hashes; `verifyJournal` accepts them only up to a head
   * saved with `journalHead` on this keyed instance before its first keyed write. createAllot
   * throws a `TypeError` on a shorter key (a configuration error, not input).
   */
  journalKey?: JournalKey;
}

function eventsAreOff(): never {
  throw new Error(
    'Events are off for this Allot instance: createAllot({ store, events: true }) writes them to the outbox so allot.on(...) can deliver them.',
  );
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
  const journalKey = options.journalKey === undefined ? undefined : journalKeyBytes(options.journalKey);
  if (typeof journalKey === 'string') throw new TypeError(journalKey);
  const eventsOn = options.events !== undefined && options.events !== false;
  const eventOptions = typeof options.events === 'object' ? options.events : {};
  const rt: Runtime = {
    store: eventsOn ? options.store : withoutOutbox(options.store),
    now,
    newId: options.newId ?? createIdGenerator(() => now().getTime()),
    periodEnds: new Map<string, string>(),
    journalKey,
    afterCommit: (orgId) => {
      kick();
      poolAlerts.schedule(orgId);
    },
  };
  const poolAlerts = createPoolAlertChecker(rt, {
    intervalMs: eventOptions.poolAlertIntervalMs ?? 1000,
    onError: eventOptions.onError,
    afterCheck: () => kick(),
  });
  const { kick, ...bus } = createEventBus(options.store, poolAlerts, eventOptions);
  const events: EventBus = eventsOn ? bus : { ...bus, on: eventsAreOff };
  const access: AccessPolicy = {
    adminsManagePool: options.adminsManagePool ?? DEFAULT_ACCESS_POLICY.adminsManagePool,
    forbidSelfApproval: options.forbidSelfApproval ?? DEFAULT_ACCESS_POLICY.forbidSelfApproval,
  };
  // Each method fails only with the codes its type lists (the testkit's errors-per-method suite reaches each).
  return {
    store: options.store,
    ...createCommands(rt, access),
    ...createReads(rt),
    on: events.on,
    events,
  } as Allot;
}
