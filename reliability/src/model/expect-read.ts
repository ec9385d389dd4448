import type { Call } from './calls';
import { type Expectation, refuse } from './expectation';
import { expireDue, isActive, type Model, type ModelHold, remaining } from './model';

type ReadCall = Extract<Call, { kind: 'read' }>;

/** `field: real ≠ model` for each field of `real` that differs from `want`. */
function differing(what: string, real: Record<string, unknown> | undefined, want: Record<string, unknown>) {
  return Object.entries(want)
    .filter(([field, value]) => real?.[field] !== value)
    .map(([field, value]) => `${what} ${field}: answered ${String(real?.[field])} ≠ model ${String(value)}`);
}

function showHold(h: Pick<ModelHold, 'id' | 'userId' | 'amount' | 'status' | 'captured'>): string {
  return `${h.id}:${h.userId}:${h.amount}:${h.status}:${h.captured}`;
}

/** What the model says each member's row and the pool look like now. */
function memberFigures(model: Model, userId: string) {
  const m = model.members[userId];
  if (!m) return undefined;
  return {
    status: m.status,
    role: m.role,
    allocated: m.allocated,
    used: m.used,
    held: m.held,
    remaining: remaining(m),
  };
}

/**
 * A read's expectation. The read expires the due holds of the members it covers first (in
 * transactions of their own, so they stay expired whatever it answers) — applied to `model` here —
 * and then answers from the state after them.
 */
export function expectRead(model: Model, call: ReadCall): Expectation {
  const covered =
    call.userId !== undefined ? [call.userId] : call.read === 'balance' ? [] : Object.keys(model.members);
  const expired = covered.reduce((sum, userId) => sum + expireDue(model, userId).count, 0);
  const members = Object.entries(model.members);
  switch (call.read) {
    case 'overview':
      return {
        code: 'ok',
        entries: 0,
        expired,
        check: (value) =>
          differing('overview', value as Record<string, unknown>, {
            topUps: model.topUps,
            pool: model.monthlyPool + model.topUps,
            allocated: members.reduce((s, [, m]) => s + m.allocated, 0),
            used: members.reduce((s, [, m]) => s + m.used, 0),
            held: members.reduce((s, [, m]) => s + (m.status === 'active' ? m.held : 0), 0),
            memberCount: members.filter(([, m]) => m.status === 'active').length,
            pendingRequests: model.requests.filter((r) => r.status === 'pending').length,
          }),
      };
    case 'members':
      return {
        code: 'ok',
        entries: 0,
        expired,
        check: (value) => {
          const items = (value as { items: Record<string, unknown>[] }).items;
          const out =
            items.length === members.length
              ? []
              : [`members: ${items.length} listed, model ${members.length}`];
          for (const [userId] of members) {
            const real = items.find((i) => i.userId === userId);
            out.push(...differing(`member ${userId}`, real, memberFigures(model, userId) ?? {}));
          }
          return out;
        },
      };
    case 'balance': {
      const userId = call.userId ?? 'admin';
      if (!isActive(model, userId)) return { ...refuse('not_found'), expired };
      const { allocated, used, held, remaining: left } = memberFigures(model, userId) ?? {};
      return {
        code: 'ok',
        entries: 0,
        expired,
        check: (value) =>
          differing(`balance of ${userId}`, value as Record<string, unknown>, {
            allocated,
            used,
            held,
            remaining: left,
          }),
      };
    }
    case 'holds':
      return {
        code: 'ok',
        entries: 0,
        expired,
        check: (value) => {
          const real = (value as { items: ModelHold[] }).items.map(showHold).sort();
          const want = model.holds
            .filter((h) => call.userId === undefined || h.userId === call.userId)
            .filter((h) => !call.onlyActive || h.status === 'active')
            .map(showHold)
            .sort();
          return real.join() === want.join()
            ? []
            : [`holds: answered ${real.join(' ')} ≠ model ${want.join(' ')}`];
        },
      };
  }
}
