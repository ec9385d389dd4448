import type { Call } from './calls';
import { type Expectation, refuse } from './expectation';
import { type Model, type ModelMember, remaining, settleHolds } from './model';

type HoldCall = Extract<Call, { kind: 'reserve' | 'capture' | 'release' | 'topUp' }>;

/**
 * What a hold command or a top-up must do on `model` (after the member's due holds were expired):
 * reserve needs the credits remaining; capture and release need an active hold, and capture at
 * most the hold's amount; a top-up always succeeds.
 */
export function expectHoldCall(model: Model, call: HoldCall): Expectation {
  switch (call.kind) {
    case 'reserve': {
      const m = model.members[call.userId];
      if (m?.status !== 'active') return refuse('not_found');
      if (call.amount > remaining(m)) return refuse('insufficient_credits');
      return {
        code: 'ok',
        entries: 1,
        apply: (value) => {
          m.held += call.amount;
          model.holds.push({
            id: (value as { hold: { id: string } }).hold.id,
            userId: call.userId,
            amount: call.amount,
            status: 'active',
            captured: null,
            expiresAt: model.now + call.ttlSeconds * 1000,
          });
        },
      };
    }
    case 'capture': {
      const hold = model.holds.find((h) => h.id === call.holdId);
      if (!hold) return refuse('not_found');
      if (hold.status !== 'active') return refuse('hold_not_active');
      const amount = call.amount ?? hold.amount;
      if (amount > hold.amount) return refuse('validation');
      const owner = model.members[hold.userId] as ModelMember;
      return {
        code: 'ok',
        // hold_released of the whole hold, then the usage
        entries: 2,
        apply: (value) => {
          settleHolds(model, [hold], 'released');
          hold.status = 'captured';
          hold.captured = amount;
          owner.used += amount;
          model.usages.push({
            id: (value as { usage: { id: string } }).usage.id,
            userId: hold.userId,
            amount,
            refunded: 0,
            period: model.period,
          });
        },
      };
    }
    case 'release': {
      const hold = model.holds.find((h) => h.id === call.holdId);
      if (!hold) return refuse('not_found');
      if (hold.status !== 'active') return refuse('hold_not_active');
      return { code: 'ok', entries: 1, apply: () => void settleHolds(model, [hold], 'released') };
    }
    case 'topUp':
      return {
        code: 'ok',
        entries: 1,
        apply: () => {
          model.topUps += call.amount;
        },
      };
  }
}
