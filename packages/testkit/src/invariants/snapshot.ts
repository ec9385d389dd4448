import type { AllotStore } from '@allot/core';
import type { Cursor, HoldRecord, MemberRecord } from '@allot/core/port';
import { readJournal } from '../harness/journal';
import type { Snapshot } from './types';

const PAGE = 500;

/** Every hold of an organization, newest first, page by page through `listHolds`. */
async function readHolds(store: AllotStore, orgId: string): Promise<HoldRecord[]> {
  const holds: HoldRecord[] = [];
  let after: Cursor | undefined;
  for (;;) {
    const page = await store.listHolds({ orgId, ...(after ? { after } : {}), limit: PAGE });
    holds.push(...page);
    const last = page.at(-1);
    if (page.length < PAGE || !last) return holds;
    after = { at: last.createdAt, id: last.id };
  }
}

/** Loads an organization's state through the public port only; null when it does not exist. */
export async function loadSnapshot(store: AllotStore, orgId: string): Promise<Snapshot | null> {
  const org = await store.getOrganization({ orgId });
  if (!org) return null;
  const members: MemberRecord[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listMembers({ orgId, includeRemoved: true, limit: PAGE, offset });
    members.push(...page.items);
    if (page.items.length < PAGE || members.length >= page.total) break;
  }
  return {
    org,
    members,
    journal: await readJournal(store, orgId),
    holds: await readHolds(store, orgId),
    activeHolds: await store.listActiveHolds({ orgId }),
  };
}
