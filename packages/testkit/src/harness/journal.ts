import type { AllotStore, JournalEntry, LedgerFilter } from '@allot/core';

/** Every journal entry of an organization through the public port, newest first. */
export async function readJournal(
  store: AllotStore,
  orgId: string,
  filter: LedgerFilter = {},
): Promise<JournalEntry[]> {
  const entries: JournalEntry[] = [];
  for await (const entry of store.streamJournal({ orgId, filter })) entries.push(entry);
  return entries;
}

/** How many journal entries an organization has (to prove a call wrote nothing). */
export async function journalCount(store: AllotStore, orgId: string): Promise<number> {
  return (await readJournal(store, orgId)).length;
}

/** Joins the chunks of a CSV export into one string. */
export async function collectText(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}
