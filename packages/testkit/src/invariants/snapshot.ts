import type { AllotStore, MemberRecord } from '@allot/core';
import { readJournal } from '../harness/journal';
import type { Snapshot } from './types';

const PAGE = 500;

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
  return { org, members, journal: await readJournal(store, orgId) };
}
