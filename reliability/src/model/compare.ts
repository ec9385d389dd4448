import type { AllotStore } from '@allot/core';
import type { Model } from './model';

/** Differences between the store's state and the model's, as readable lines ([] when equal). */
export async function differences(store: AllotStore, orgId: string, model: Model): Promise<string[]> {
  const out: string[] = [];
  const [page, org, pending, journal] = await Promise.all([
    store.listMembers({ orgId, includeRemoved: true, limit: 500, offset: 0 }),
    store.getOrganization({ orgId }),
    store.countRequests({ orgId, status: 'pending' }),
    store.listJournal({ orgId, filter: {}, limit: 100_000 }),
  ]);
  const real = new Map(page.items.map((m) => [m.userId, m]));
  for (const [userId, want] of Object.entries(model.members)) {
    const got = real.get(userId);
    const a = got && { role: got.role, status: got.status, allocated: got.allocated, used: got.used };
    if (JSON.stringify(a) !== JSON.stringify(want)) {
      out.push(`member ${userId}: store ${JSON.stringify(a)} ≠ model ${JSON.stringify(want)}`);
    }
  }
  if (real.size !== Object.keys(model.members).length) {
    out.push(`store has ${real.size} members, model ${Object.keys(model.members).length}`);
  }
  const allocated = Object.values(model.members).reduce((sum, m) => sum + m.allocated, 0);
  if (org?.allocated !== allocated) out.push(`pool allocated: store ${org?.allocated} ≠ model ${allocated}`);
  const modelPending = model.requests.filter((r) => r.status === 'pending').length;
  if (pending !== modelPending) out.push(`pending requests: store ${pending} ≠ model ${modelPending}`);
  if (journal.length !== model.journal)
    out.push(`journal entries: store ${journal.length} ≠ model ${model.journal}`);
  return out;
}
