import type { JournalEntry } from '@allot/core';
import { exact } from './exact';
import type { Report, Snapshot } from './types';

function bySeq(entries: JournalEntry[]): JournalEntry[] {
  return [...entries].sort((a, b) => a.seq - b.seq);
}

/** True when the chain's seq runs 1, 2, 3, … with no gap or repeat; reports the first break. */
function gapless(chain: JournalEntry[], owner: string, rule: string, report: Report): boolean {
  for (const [index, entry] of chain.entries()) {
    if (entry.seq !== index + 1) {
      report(rule, `${owner}: entry ${entry.id} has seq ${entry.seq}, expected ${index + 1}`);
      return false;
    }
  }
  return true;
}

/**
 * Each member's chain, by seq, is gapless from 1 and every `balanceAfter` is the previous one
 * (0 before the first) plus the entry's amount; the last one equals remaining (allocated − used
 * − held), all compared exactly (BigInt). The organization's own entries (no user) form a
 * gapless chain too; they carry no balance and move no credits, except a `top_up`, which adds
 * its (positive) amount to the pool.
 */
export function checkChains({ org, members, journal }: Snapshot, report: Report): void {
  const byUser = new Map<string, JournalEntry[]>();
  const orgChain: JournalEntry[] = [];
  for (const entry of journal) {
    if (entry.orgId !== org.id)
      report('entry-org', `entry ${entry.id} belongs to ${entry.orgId}, not ${org.id}`);
    if (entry.userId === null) {
      orgChain.push(entry);
      continue;
    }
    const list = byUser.get(entry.userId) ?? [];
    list.push(entry);
    byUser.set(entry.userId, list);
  }

  const known = new Set(members.map((m) => m.userId));
  for (const userId of byUser.keys()) {
    if (!known.has(userId)) report('entry-member-exists', `journal entries for unknown member ${userId}`);
  }

  for (const member of members) {
    const chain = bySeq(byUser.get(member.userId) ?? []);
    const owner = `member ${member.userId}`;
    gapless(chain, owner, 'member-chain-gapless', report);
    let balance = 0n;
    for (const entry of chain) {
      const expected = balance + exact(entry.amount);
      if (entry.balanceAfter === null || exact(entry.balanceAfter) !== expected) {
        report(
          'member-chain-balance',
          `${owner}: ${entry.type} ${entry.id} (seq ${entry.seq}) has balanceAfter ${entry.balanceAfter}, expected ${balance} + ${entry.amount}`,
        );
      }
      balance = entry.balanceAfter === null ? expected : exact(entry.balanceAfter);
    }
    const remaining = exact(member.allocated) - exact(member.used) - exact(member.held);
    if (balance !== remaining) {
      report(
        'member-final-balance',
        `${owner}: last balanceAfter is ${balance} but allocated − used − held is ${remaining}`,
      );
    }
    if (member.seq !== chain.length) {
      report(
        'member-chain-head',
        `${owner}: record says seq ${member.seq} but the chain has ${chain.length} entries`,
      );
    }
  }

  const ordered = bySeq(orgChain);
  gapless(ordered, `organization ${org.id}`, 'org-chain-gapless', report);
  if (org.seq !== ordered.length) {
    report(
      'org-chain-head',
      `organization record says seq ${org.seq} but its chain has ${ordered.length} entries`,
    );
  }
  for (const entry of ordered) {
    const amountOk = entry.type === 'top_up' ? entry.amount > 0 : entry.amount === 0;
    if (!amountOk || entry.balanceAfter !== null) {
      report(
        'org-entry-shape',
        `org-level ${entry.type} ${entry.id} must have ${entry.type === 'top_up' ? 'a positive amount' : 'amount 0'} and no balance`,
      );
    }
  }
}
