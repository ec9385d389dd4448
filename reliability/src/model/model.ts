/**
 * The reference model: what Allot should do, written as plainly as possible (plain objects, no
 * store, no transactions) so that it is easy to trust. The model-based tests run the same
 * commands on it and on a real store and compare after every step.
 */

export type Role = 'admin' | 'member';

export interface ModelMember {
  role: Role;
  status: 'active' | 'removed';
  allocated: number;
  used: number;
}

export interface ModelRequest {
  id: string;
  userId: string;
  amount: number;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
}

export interface ModelUsage {
  id: string;
  userId: string;
  amount: number;
  refunded: number;
  /** The billing period (0, 1, 2, …) it was spent in. */
  period: number;
}

/** A key that succeeded once: every retry of the same call replays `result`. */
export interface RememberedKey {
  callJson: string;
  result: unknown;
  /** Whether the first success wrote journal entries (a no-op success writes none). */
  wrote: boolean;
}

export interface Model {
  monthlyPool: number;
  defaultAllocation: number;
  policy: 'carry' | 'reset';
  period: number;
  members: Record<string, ModelMember>;
  requests: ModelRequest[];
  usages: ModelUsage[];
  /** Keys whose call succeeded (only successes are remembered). */
  keys: Record<string, RememberedKey>;
  /** Keys that have only ever been refused. */
  refusedKeys: Record<string, true>;
  /** Every keyed call sent so far, for retries and key reuse. */
  issued: import('./calls').Call[];
  nextKey: number;
  /** How many journal entries the organization should have. */
  journal: number;
  /** Ids of entries that successful calls returned. */
  acknowledgedEntryIds: string[];
}

/** The user ids a run draws from; `admin` is the first admin. */
export const USERS = ['admin', 'u1', 'u2', 'u3', 'u4', 'u5'] as const;

export function initialModel(settings: Pick<Model, 'monthlyPool' | 'defaultAllocation' | 'policy'>): Model {
  return {
    ...settings,
    period: 0,
    members: { admin: { role: 'admin', status: 'active', allocated: 0, used: 0 } },
    requests: [],
    usages: [],
    keys: {},
    refusedKeys: {},
    issued: [],
    nextKey: 0,
    // organization_created + the admin's member_enrolled
    journal: 2,
    acknowledgedEntryIds: [],
  };
}

export function remaining(m: ModelMember): number {
  return m.allocated - m.used;
}

export function unallocated(model: Model): number {
  let allocated = 0;
  for (const m of Object.values(model.members)) allocated += m.allocated;
  return model.monthlyPool - allocated;
}

export function activeAdmins(model: Model): number {
  return Object.values(model.members).filter((m) => m.status === 'active' && m.role === 'admin').length;
}

export function isActive(model: Model, userId: string): boolean {
  return model.members[userId]?.status === 'active';
}

/** Closes the billing period: usage back to 0; allocations kept (`carry`, active members) or zeroed. */
export function rollOver(model: Model): void {
  model.period += 1;
  model.journal += 1; // period_started
  for (const m of Object.values(model.members)) {
    const keep = model.policy === 'carry' && m.status === 'active';
    const next = keep ? m.allocated : 0;
    const untouched = m.status === 'removed' && m.allocated === 0 && m.used === 0;
    if (!untouched) model.journal += 1; // rollover entry
    m.allocated = next;
    m.used = 0;
  }
}
