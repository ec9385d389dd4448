import type {
  IdempotencyRecord,
  JournalEntry,
  MemberRecord,
  OrganizationRecord,
  PeriodRecord,
  RequestRecord,
} from '@allot/core';

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
  journal: Map<string, JournalEntry[]>;
  journalById: Map<string, Map<string, JournalEntry>>;
  /** `${orgId}\u0000${usageId}` → credits refunded so far */
  refunds: Map<string, number>;
  idempotency: Map<string, IdempotencyRecord>;
  periods: PeriodRecord[];
}

export function emptyState(): MemoryState {
  return {
    organizations: new Map(),
    domains: new Map(),
    members: new Map(),
    requests: new Map(),
    journal: new Map(),
    journalById: new Map(),
    refunds: new Map(),
    idempotency: new Map(),
    periods: [],
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
