import type { JournalEntry } from '@allot/core';
import type { HoldRecord } from '@allot/core/port';
import { exact, exactSum } from './exact';
import type { Report, Snapshot } from './types';

/** The journal entries that name each hold, by hold id. */
function entriesByHold(journal: JournalEntry[]): Map<string, JournalEntry[]> {
  const byHold = new Map<string, JournalEntry[]>();
  for (const entry of journal) {
    if (entry.holdId === null) continue;
    const list = byHold.get(entry.holdId) ?? [];
    list.push(entry);
    byHold.set(entry.holdId, list);
  }
  return byHold;
}

/** A hold's own shape: its status, settlement time and captured amount agree. */
function checkShape(hold: HoldRecord, report: Report): void {
  const where = `hold ${hold.id}`;
  if (hold.amount <= 0) report('hold-shape', `${where}: amount ${hold.amount} must be positive`);
  if ((hold.status === 'active') !== (hold.settledAt === null)) {
    report('hold-shape', `${where}: status ${hold.status} with settledAt ${hold.settledAt}`);
  }
  if ((hold.status === 'captured') !== (hold.captured !== null)) {
    report('hold-shape', `${where}: status ${hold.status} with captured ${hold.captured}`);
  }
  if (hold.captured !== null && (hold.captured <= 0 || hold.captured > hold.amount)) {
    report('hold-shape', `${where}: captured ${hold.captured} must be within 1..amount ${hold.amount}`);
  }
  if (hold.expiresAt <= hold.createdAt) {
    report('hold-shape', `${where}: expires at ${hold.expiresAt}, not after its creation ${hold.createdAt}`);
  }
}

/**
 * A hold's journal: one `hold` entry of −amount on its member; once settled, one
 * `hold_released` of +amount (none while active); when captured, one `usage` of −captured
 * naming the hold (none otherwise).
 */
function checkJournal(hold: HoldRecord, entries: JournalEntry[], report: Report): void {
  const where = `hold ${hold.id}`;
  const of = (type: JournalEntry['type']) => entries.filter((e) => e.type === type);
  const [reserved, ...extraReserved] = of('hold');
  if (!reserved || extraReserved.length > 0) {
    report('hold-journal', `${where}: ${of('hold').length} hold entries, expected 1`);
  } else if (reserved.amount !== -hold.amount || reserved.userId !== hold.userId) {
    report(
      'hold-journal',
      `${where}: its hold entry moves ${reserved.amount} for ${reserved.userId}, expected ${-hold.amount} for ${hold.userId}`,
    );
  }
  const released = of('hold_released');
  const expectedReleases = hold.status === 'active' ? 0 : 1;
  if (released.length !== expectedReleases) {
    report('hold-journal', `${where} is ${hold.status} with ${released.length} hold_released entries`);
  } else if (released[0] && released[0].amount !== hold.amount) {
    report('hold-journal', `${where}: released ${released[0].amount}, expected ${hold.amount}`);
  }
  const usage = of('usage');
  const expectedUsage = hold.status === 'captured' ? 1 : 0;
  if (usage.length !== expectedUsage) {
    report('hold-journal', `${where} is ${hold.status} with ${usage.length} usage entries`);
  } else if (usage[0] && usage[0].amount !== -(hold.captured ?? 0)) {
    report('hold-journal', `${where}: captured ${hold.captured} but its usage is ${usage[0].amount}`);
  }
  const other = entries.filter((e) => e.type !== 'hold' && e.type !== 'hold_released' && e.type !== 'usage');
  for (const entry of other) report('hold-journal', `${where} is named by a ${entry.type} entry ${entry.id}`);
}

/**
 * Holds: each member's `held` is Σ of its active holds; `holdsExpireAt` is null exactly when it
 * has none, and otherwise no later than the earliest of them; `listActiveHolds` returns exactly
 * the active holds, ordered by expiry then id; every hold's journal matches its status, and every
 * entry that names a hold names one of this organization.
 */
export function checkHolds({ org, members, journal, holds, activeHolds }: Snapshot, report: Report): void {
  const byId = new Map(holds.map((h) => [h.id, h]));
  const known = new Set(members.map((m) => m.userId));
  const active = holds.filter((h) => h.status === 'active');

  for (const hold of holds) {
    if (hold.orgId !== org.id) report('hold-org', `hold ${hold.id} belongs to ${hold.orgId}, not ${org.id}`);
    if (!known.has(hold.userId))
      report('hold-member-exists', `hold ${hold.id} is for unknown member ${hold.userId}`);
    checkShape(hold, report);
  }

  for (const member of members) {
    const own = active.filter((h) => h.userId === member.userId);
    const sum = exactSum(own.map((h) => h.amount));
    if (exact(member.held) !== sum) {
      report(
        'member-held-sum',
        `member ${member.userId}: held is ${member.held} but its active holds add up to ${sum}`,
      );
    }
    const earliest = own.reduce<string | null>(
      (first, h) => (first === null || h.expiresAt < first ? h.expiresAt : first),
      null,
    );
    if ((member.holdsExpireAt === null) !== (earliest === null)) {
      report(
        'member-holds-expiry',
        `member ${member.userId}: holdsExpireAt ${member.holdsExpireAt} with ${own.length} active holds`,
      );
    } else if (earliest !== null && member.holdsExpireAt !== null && member.holdsExpireAt > earliest) {
      report(
        'member-holds-expiry',
        `member ${member.userId}: holdsExpireAt ${member.holdsExpireAt} is after its earliest active hold's ${earliest}`,
      );
    }
    if (member.status === 'removed' && own.length > 0) {
      report('member-held-sum', `removed member ${member.userId} still has ${own.length} active holds`);
    }
  }

  const expected = [...active]
    .sort((a, b) =>
      a.expiresAt === b.expiresAt ? (a.id < b.id ? -1 : 1) : a.expiresAt < b.expiresAt ? -1 : 1,
    )
    .map((h) => h.id);
  const listed = activeHolds.map((h) => h.id);
  if (JSON.stringify(listed) !== JSON.stringify(expected)) {
    report(
      'active-holds-listing',
      `listActiveHolds gives [${listed.join(', ')}], expected [${expected.join(', ')}]`,
    );
  }

  const named = entriesByHold(journal);
  for (const hold of holds) checkJournal(hold, named.get(hold.id) ?? [], report);
  for (const [holdId, entries] of named) {
    if (!byId.has(holdId)) {
      report(
        'hold-entry-known',
        `${entries.map((e) => `${e.type} ${e.id}`).join(', ')} name unknown hold ${holdId}`,
      );
    }
  }
}
