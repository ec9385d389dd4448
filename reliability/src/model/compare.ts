import type { AllotStore } from '@allot/core';
import type { Model, ModelHold, ModelMember } from './model';

/** A hold as far as the model predicts it. */
type ObservedHold = Pick<ModelHold, 'userId' | 'amount' | 'status' | 'captured'> & { expiresAt: string };

/** The part of a store's state the model predicts. */
export interface ObservedState {
  members: Map<string, ModelMember>;
  /** Each member's `holdsExpireAt` (when its next active hold lapses, or null). */
  holdsExpireAt: Map<string, string | null>;
  holds: Map<string, ObservedHold>;
  allocated: number | undefined;
  topUps: number | undefined;
  pending: number;
  journal: number;
}

/** Reads the state the model predicts from the store (public port only). */
export async function observe(store: AllotStore, orgId: string): Promise<ObservedState> {
  const [page, org, pending, journal, holds] = await Promise.all([
    store.listMembers({ orgId, includeRemoved: true, limit: 500, offset: 0 }),
    store.getOrganization({ orgId }),
    store.countRequests({ orgId, status: 'pending' }),
    store.listJournal({ orgId, filter: {}, limit: 100_000 }),
    store.listHolds({ orgId, limit: 100_000 }),
  ]);
  const members = new Map(
    page.items.map((m) => [
      m.userId,
      {
        role: m.role,
        status: m.status,
        allocated: m.allocated,
        used: m.used,
        held: m.held,
      } satisfies ModelMember,
    ]),
  );
  return {
    members,
    holdsExpireAt: new Map(page.items.map((m) => [m.userId, m.holdsExpireAt])),
    holds: new Map(
      holds.map((h) => [
        h.id,
        {
          userId: h.userId,
          amount: h.amount,
          status: h.status,
          captured: h.captured,
          expiresAt: h.expiresAt,
        },
      ]),
    ),
    allocated: org?.allocated,
    topUps: org?.topUps,
    pending,
    journal: journal.length,
  };
}

function sameMember(a: ModelMember, b: ModelMember): boolean {
  return (
    a.role === b.role &&
    a.status === b.status &&
    a.allocated === b.allocated &&
    a.used === b.used &&
    a.held === b.held
  );
}

function sameHold(real: ObservedHold | undefined, want: ModelHold): boolean {
  return (
    real !== undefined &&
    real.userId === want.userId &&
    real.amount === want.amount &&
    real.status === want.status &&
    real.captured === want.captured &&
    Date.parse(real.expiresAt) === want.expiresAt
  );
}

/** Holds that differ, and members whose next expiry comes after one of their active holds lapses. */
function diffHolds(real: ObservedState, model: Model): string[] {
  const out: string[] = [];
  for (const want of model.holds) {
    const got = real.holds.get(want.id);
    if (!sameHold(got, want))
      out.push(`hold ${want.id}: store ${JSON.stringify(got)} ≠ model ${JSON.stringify(want)}`);
  }
  if (real.holds.size !== model.holds.length)
    out.push(`store has ${real.holds.size} holds, model ${model.holds.length}`);
  for (const [userId, next] of real.holdsExpireAt) {
    const first = Math.min(
      ...model.holds.filter((h) => h.userId === userId && h.status === 'active').map((h) => h.expiresAt),
    );
    if (first !== Number.POSITIVE_INFINITY && (next === null || Date.parse(next) > first))
      out.push(`member ${userId}: holdsExpireAt ${next} is after its first active hold lapses`);
  }
  return out;
}

/** Differences between an observed state and the model's, as readable lines ([] when equal). */
export function diffState(real: ObservedState, model: Model): string[] {
  const out: string[] = [];
  for (const [userId, want] of Object.entries(model.members)) {
    const got = real.members.get(userId);
    if (!got || !sameMember(got, want)) {
      out.push(`member ${userId}: store ${JSON.stringify(got)} ≠ model ${JSON.stringify(want)}`);
    }
  }
  if (real.members.size !== Object.keys(model.members).length) {
    out.push(`store has ${real.members.size} members, model ${Object.keys(model.members).length}`);
  }
  const allocated = Object.values(model.members).reduce((sum, m) => sum + m.allocated, 0);
  if (real.allocated !== allocated) out.push(`pool allocated: store ${real.allocated} ≠ model ${allocated}`);
  if (real.topUps !== model.topUps) out.push(`pool top-ups: store ${real.topUps} ≠ model ${model.topUps}`);
  const pending = model.requests.filter((r) => r.status === 'pending').length;
  if (real.pending !== pending) out.push(`pending requests: store ${real.pending} ≠ model ${pending}`);
  if (real.journal !== model.journal)
    out.push(`journal entries: store ${real.journal} ≠ model ${model.journal}`);
  out.push(...diffHolds(real, model));
  return out;
}

/** Differences between the store's state and the model's ([] when equal). */
export async function differences(store: AllotStore, orgId: string, model: Model): Promise<string[]> {
  return diffState(await observe(store, orgId), model);
}
