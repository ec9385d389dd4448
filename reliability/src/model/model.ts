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
  /** Σ of the member's active holds, as stored (a hold past its expiry counts until it is expired). */
  held: number;
}

/**
 * A hold as stored. A hold past `expiresAt` stays `active` until something expires it: the next
 * command that locks its member (and commits), or an overview, members, balance or holds read.
 */
export interface ModelHold {
  id: string;
  userId: string;
  amount: number;
  status: 'active' | 'captured' | 'released' | 'expired';
  captured: number | null;
  /** Milliseconds since the epoch. */
  expiresAt: number;
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
  /** Σ top-ups this period (the pool is monthlyPool + topUps). */
  topUps: number;
  /** The clock, in milliseconds since the epoch (the manual clock of the run shows the same). */
  now: number;
  defaultAllocation: number;
  policy: 'carry' | 'reset';
  period: number;
  members: Record<string, ModelMember>;
  requests: ModelRequest[];
  usages: ModelUsage[];
  holds: ModelHold[];
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

/** When every run starts (the manual clock's first instant). */
export const START = '2026-03-10T12:00:00.000Z';

export function initialModel(settings: Pick<Model, 'monthlyPool' | 'defaultAllocation' | 'policy'>): Model {
  return {
    ...settings,
    topUps: 0,
    now: Date.parse(START),
    period: 0,
    members: { admin: { role: 'admin', status: 'active', allocated: 0, used: 0, held: 0 } },
    requests: [],
    usages: [],
    holds: [],
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
  return m.allocated - m.used - m.held;
}

export function unallocated(model: Model): number {
  let allocated = 0;
  for (const m of Object.values(model.members)) allocated += m.allocated;
  return model.monthlyPool + model.topUps - allocated;
}

/** A member's holds that are still stored as active. */
export function activeHolds(model: Model, userId: string): ModelHold[] {
  return model.holds.filter((h) => h.userId === userId && h.status === 'active');
}

/** Settles holds (`expired` or `released`): their credits go back to the member; returns how many. */
export function settleHolds(model: Model, holds: ModelHold[], status: 'expired' | 'released'): number {
  for (const hold of holds) {
    hold.status = status;
    (model.members[hold.userId] as ModelMember).held -= hold.amount;
  }
  return holds.length;
}

/**
 * Expires a member's active holds whose time is up (as the command that locks the member does)
 * and returns an undo, for a command that is then refused (its transaction rolls back).
 */
export function expireDue(model: Model, userId: string | undefined): { count: number; undo: () => void } {
  const due = userId === undefined ? [] : activeHolds(model, userId).filter((h) => h.expiresAt <= model.now);
  settleHolds(model, due, 'expired');
  return {
    count: due.length,
    undo: () => {
      for (const hold of due) {
        hold.status = 'active';
        (model.members[hold.userId] as ModelMember).held += hold.amount;
      }
    },
  };
}

export function activeAdmins(model: Model): number {
  return Object.values(model.members).filter((m) => m.status === 'active' && m.role === 'admin').length;
}

export function isActive(model: Model, userId: string): boolean {
  return model.members[userId]?.status === 'active';
}

/**
 * Closes the billing period: every active hold is released (expired ones too — none was expired
 * yet), usage back to 0, top-ups end; allocations kept (`carry`, active members; scaled down in
 * proportion, rounded down, when they no longer fit in the monthly pool) or zeroed.
 */
export function rollOver(model: Model): void {
  model.period += 1;
  model.journal += 1; // period_started
  model.journal += settleHolds(
    model,
    model.holds.filter((h) => h.status === 'active'),
    'released',
  );
  model.topUps = 0;
  let carried = 0;
  for (const m of Object.values(model.members)) if (m.status === 'active') carried += m.allocated;
  const carry = (amount: number) =>
    carried <= model.monthlyPool ? amount : Math.floor((amount * model.monthlyPool) / carried);
  for (const m of Object.values(model.members)) {
    const keep = model.policy === 'carry' && m.status === 'active';
    const next = keep ? carry(m.allocated) : 0;
    const untouched = m.status === 'removed' && m.allocated === 0 && m.used === 0;
    if (!untouched) model.journal += 1; // rollover entry
    m.allocated = next;
    m.used = 0;
  }
}
