import type { AllotStore } from '@allot/core';
import type { Model, ModelMember } from './model';

/** The part of a store's state the model predicts. */
export interface ObservedState {
  members: Map<string, ModelMember>;
  allocated: number | undefined;
  pending: number;
  journal: number;
}

/** Reads the state the model predicts from the store (public port only). */
export async function observe(store: AllotStore, orgId: string): Promise<ObservedState> {
  const [page, org, pending, journal] = await Promise.all([
    store.listMembers({ orgId, includeRemoved: true, limit: 500, offset: 0 }),
    store.getOrganization({ orgId }),
    store.countRequests({ orgId, status: 'pending' }),
    store.listJournal({ orgId, filter: {}, limit: 100_000 }),
  ]);
  const members = new Map(
    page.items.map((m) => [
      m.userId,
      { role: m.role, status: m.status, allocated: m.allocated, used: m.used } satisfies ModelMember,
    ]),
  );
  return { members, allocated: org?.allocated, pending, journal: journal.length };
}

function sameMember(a: ModelMember, b: ModelMember): boolean {
  return a.role === b.role && a.status === b.status && a.allocated === b.allocated && a.used === b.used;
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
  const pending = model.requests.filter((r) => r.status === 'pending').length;
  if (real.pending !== pending) out.push(`pending requests: store ${real.pending} ≠ model ${pending}`);
  if (real.journal !== model.journal)
    out.push(`journal entries: store ${real.journal} ≠ model ${model.journal}`);
  return out;
}

/** Differences between the store's state and the model's ([] when equal). */
export async function differences(store: AllotStore, orgId: string, model: Model): Promise<string[]> {
  return diffState(await observe(store, orgId), model);
}
