import type { AllotEvent, JournalEntry } from '@allot/core';
import type {
  HoldRecord,
  IdempotencyRecord,
  MemberRecord,
  OrganizationRecord,
  PeriodRecord,
  RequestRecord,
} from '@allot/core/port';

/**
 * One event waiting in the memory outbox.
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * for (const pending of store.state.outbox.values()) console.log(pending.event.type, pending.attempts);
 * ```
 */
export interface MemoryOutboxEntry {
  event: AllotEvent;
  /** Deliveries tried so far. */
  attempts: number;
  /** When it may be claimed (again); `''` means at once. */
  availableAt: string;
  /** Why the last delivery failed, if one did. */
  lastError: string | null;
}

/**
 * Everything the memory store holds. Maps keyed by `orgId` keep tenants apart.
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * store.state.members.get('acme')?.get('bob')?.used; // read it in a test; never change it
 * ```
 */
export interface MemoryState {
  organizations: Map<string, OrganizationRecord>;
  /** domain → orgId */
  domains: Map<string, string>;
  members: Map<string, Map<string, MemberRecord>>;
  requests: Map<string, Map<string, RequestRecord>>;
  /** Every hold, by organization then hold id. */
  holds: Map<string, Map<string, HoldRecord>>;
  /** The active holds only (an index over `holds`), by organization then hold id. */
  activeHolds: Map<string, Map<string, HoldRecord>>;
  journal: Map<string, JournalEntry[]>;
  journalById: Map<string, Map<string, JournalEntry>>;
  /** `${orgId}\u0000${usageId}` → credits refunded so far */
  refunds: Map<string, number>;
  idempotency: Map<string, IdempotencyRecord>;
  periods: PeriodRecord[];
  /** Events not delivered yet, by event id, oldest first (insertion order). */
  outbox: Map<string, MemoryOutboxEntry>;
}

export function emptyState(): MemoryState {
  return {
    organizations: new Map(),
    domains: new Map(),
    members: new Map(),
    requests: new Map(),
    holds: new Map(),
    activeHolds: new Map(),
    journal: new Map(),
    journalById: new Map(),
    refunds: new Map(),
    idempotency: new Map(),
    periods: [],
    outbox: new Map(),
  };
}

export const key = (a: string, b: string) => `${a}\u0000${b}`;

export function inner<V>(outer: Map<string, Map<string, V>>, orgId: string): Map<string, V> {
  let map = outer.get(orgId);
  if (!map) {
    map = new Map();
    outer.set(orgId, map);
  }
  return map;
}

/** Holds are ordered by when they lapse, then by id. */
export function byExpiry(a: HoldRecord, b: HoldRecord): number {
  if (a.expiresAt !== b.expiresAt) return a.expiresAt < b.expiresAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
