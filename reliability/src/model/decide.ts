import { type Call, keyOf, payloadJson } from './calls';
import { expectHoldCall } from './decide-holds';
import { expectRead } from './expect-read';
import { type Expectation, refuse } from './expectation';
import {
  activeAdmins,
  activeHolds,
  expireDue,
  isActive,
  type Model,
  type ModelMember,
  remaining,
  settleHolds,
  unallocated,
} from './model';

export type { Expectation } from './expectation';

/**
 * What `call` must do on `model`, in Allot's order: the actor is authorized first, then a
 * remembered key replays its first result (or refuses another payload), then the command locks
 * its member — expiring the member's holds whose time is up — and runs.
 *
 * When the call is to succeed, those expiries are already applied to `model` (they are written in
 * the command's transaction); when it is refused they are not (the transaction rolls back). A
 * read's expiries are applied whatever it answers (they commit on their own).
 */
export function expectCall(model: Model, call: Call): Expectation {
  const actor = call.kind === 'submit' ? call.userId : call.kind === 'cancel' ? call.requester : null;
  if (actor !== null && !isActive(model, actor)) return refuse('forbidden');
  if (call.kind === 'read') return expectRead(model, call);
  const key = keyOf(call);
  const seen = key === undefined ? undefined : model.keys[key];
  if (seen) {
    return seen.callJson === payloadJson(call)
      ? { code: 'ok', entries: 0, replay: seen.result }
      : refuse('idempotency_conflict');
  }
  const expiry = expireDue(model, lockedMember(model, call));
  const expected = fresh(model, call);
  if (expected.code !== 'ok') {
    expiry.undo();
    return expected;
  }
  return { ...expected, expired: expiry.count };
}

/** The member whose row the command locks (and whose due holds it expires), if any. */
function lockedMember(model: Model, call: Exclude<Call, { kind: 'read' }>): string | undefined {
  switch (call.kind) {
    case 'refund':
      return model.usages.find((u) => u.id === call.usageId)?.userId;
    case 'approve':
    case 'reject':
    case 'cancel':
      return model.requests.find((r) => r.id === call.requestId)?.userId;
    case 'capture':
    case 'release':
      return model.holds.find((h) => h.id === call.holdId)?.userId;
    case 'topUp':
      return undefined;
    default:
      return call.userId;
  }
}

function member(model: Model, userId: string): ModelMember | undefined {
  const m = model.members[userId];
  return m?.status === 'active' ? m : undefined;
}

function fresh(model: Model, call: Exclude<Call, { kind: 'read' }>): Expectation {
  switch (call.kind) {
    case 'assign': {
      const m = member(model, call.userId);
      if (!m) return refuse('not_found');
      const delta = call.total - m.allocated;
      if (delta === 0) return { code: 'ok', entries: 0 };
      if (call.total < m.used + m.held) return refuse('allocation_below_usage');
      if (delta > unallocated(model)) return refuse('insufficient_pool');
      return {
        code: 'ok',
        entries: 1,
        apply: () => {
          m.allocated = call.total;
        },
      };
    }
    case 'revoke': {
      const m = member(model, call.userId);
      if (!m) return refuse('not_found');
      if (call.amount > remaining(m)) return refuse('insufficient_credits');
      return {
        code: 'ok',
        entries: 1,
        apply: () => {
          m.allocated -= call.amount;
        },
      };
    }
    case 'consume': {
      const m = member(model, call.userId);
      if (!m) return refuse('not_found');
      if (call.amount > remaining(m)) return refuse('insufficient_credits');
      return {
        code: 'ok',
        entries: 1,
        apply: (value) => {
          m.used += call.amount;
          const id = (value as { usage: { id: string } }).usage.id;
          model.usages.push({
            id,
            userId: call.userId,
            amount: call.amount,
            refunded: 0,
            period: model.period,
          });
        },
      };
    }
    case 'refund': {
      const usage = model.usages.find((u) => u.id === call.usageId);
      if (!usage) return refuse('not_found');
      if (usage.period < model.period) return refuse('period_closed');
      const refundable = usage.amount - usage.refunded;
      if (refundable <= 0) return refuse('conflict');
      const amount = call.amount ?? refundable;
      if (amount > refundable) return refuse('validation');
      const owner = model.members[usage.userId] as ModelMember;
      return {
        code: 'ok',
        entries: 1,
        apply: () => {
          usage.refunded += amount;
          owner.used -= amount;
        },
      };
    }
    case 'submit':
      return {
        code: 'ok',
        entries: 1,
        apply: (value) => {
          const id = (value as { id: string }).id;
          model.requests.push({ id, userId: call.userId, amount: call.amount, status: 'pending' });
        },
      };
    case 'approve': {
      const request = model.requests.find((r) => r.id === call.requestId);
      if (!request) return refuse('not_found');
      if (request.status !== 'pending') return refuse('request_not_pending');
      const m = member(model, request.userId);
      if (!m) return refuse('not_found');
      const granted = call.amount ?? request.amount;
      if (granted > request.amount) return refuse('validation');
      if (granted > unallocated(model)) return refuse('insufficient_pool');
      return {
        code: 'ok',
        entries: 1,
        apply: () => {
          request.status = 'approved';
          m.allocated += granted;
        },
      };
    }
    case 'reject':
    case 'cancel': {
      const request = model.requests.find((r) => r.id === call.requestId);
      if (!request) return refuse('not_found');
      if (request.status !== 'pending') return refuse('request_not_pending');
      const status = call.kind === 'reject' ? 'rejected' : 'cancelled';
      return {
        code: 'ok',
        entries: 1,
        apply: () => {
          request.status = status;
        },
      };
    }
    case 'setRole': {
      const m = member(model, call.userId);
      if (!m) return refuse('not_found');
      if (m.role === call.role) return { code: 'ok', entries: 0 };
      if (m.role === 'admin' && activeAdmins(model) <= 1) return refuse('conflict');
      return {
        code: 'ok',
        entries: 1,
        apply: () => {
          m.role = call.role;
        },
      };
    }
    case 'remove': {
      const m = member(model, call.userId);
      if (!m) return refuse('not_found');
      if (m.role === 'admin' && activeAdmins(model) <= 1) return refuse('conflict');
      // Its active holds are released first, its pending requests cancelled, then what is left
      // returns to the pool.
      const holds = activeHolds(model, call.userId);
      const pending = model.requests.filter((r) => r.userId === call.userId && r.status === 'pending');
      return {
        code: 'ok',
        entries: holds.length + pending.length + (m.allocated - m.used > 0 ? 2 : 1),
        apply: () => {
          settleHolds(model, holds, 'released');
          for (const r of pending) r.status = 'cancelled';
          m.allocated = m.used;
          m.status = 'removed';
        },
      };
    }
    case 'enroll': {
      const existing = model.members[call.userId];
      if (existing?.status === 'active') return { code: 'ok', entries: 0 };
      const grant = model.defaultAllocation <= unallocated(model) ? model.defaultAllocation : 0;
      return {
        code: 'ok',
        entries: grant > 0 ? 2 : 1,
        apply: () => {
          const base = existing ?? { role: 'member', status: 'active', allocated: 0, used: 0, held: 0 };
          model.members[call.userId] = {
            ...base,
            role: 'member',
            status: 'active',
            allocated: base.allocated + grant,
          };
        },
      };
    }
    case 'reserve':
    case 'capture':
    case 'release':
    case 'topUp':
      return expectHoldCall(model, call);
  }
}

/** The id of the journal entry a successful result carries, if it carries one. */
export function entryIdOf(call: Call, value: unknown): string | null {
  const v = value as Record<string, { id?: string } | null | undefined>;
  switch (call.kind) {
    case 'consume':
    case 'capture':
      return v.usage?.id ?? null;
    case 'refund':
      return v.refund?.id ?? null;
    case 'assign':
    case 'revoke':
    case 'approve':
    case 'topUp':
      return v.entry?.id ?? null;
    default:
      return null;
  }
}

/**
 * Records a call's outcome in the model: a fresh success is applied and its key remembered, a
 * refusal remembers nothing (only successes are remembered under a key).
 */
export function commit(model: Model, call: Call, expected: Expectation, value: unknown): void {
  const key = keyOf(call);
  if (key !== undefined) model.issued.push(call);
  if (expected.code !== 'ok') {
    if (key !== undefined && !model.keys[key]) model.refusedKeys[key] = true;
    return;
  }
  if (expected.replay !== undefined) return;
  expected.apply?.(value);
  model.journal += expected.entries + (expected.expired ?? 0);
  const entryId = entryIdOf(call, value);
  if (entryId) model.acknowledgedEntryIds.push(entryId);
  if (key !== undefined) {
    model.keys[key] = { callJson: payloadJson(call), result: value, wrote: expected.entries > 0 };
    delete model.refusedKeys[key];
  }
}
