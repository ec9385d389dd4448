import type { JournalEntry } from '@allot/core';
import type { Report, Snapshot } from './types';

/** Entry types that never move credits: their amount must be 0. */
const NEUTRAL = new Set<JournalEntry['type']>([
  'request_submitted',
  'request_rejected',
  'request_cancelled',
  'member_enrolled',
  'member_removed',
  'role_changed',
  'organization_created',
  'settings_changed',
  'period_started',
]);

/** The sign each credit-moving type must have (rollover may go either way). */
const SIGN: Partial<Record<JournalEntry['type'], 1 | -1>> = {
  allocation: 1,
  revocation: -1,
  usage: -1,
  refund: 1,
};

/** A member's allocated and used, replayed from their chain. */
interface Replay {
  allocated: number;
  used: number;
}

function checkAmount(entry: JournalEntry, report: Report): void {
  if (NEUTRAL.has(entry.type) && entry.amount !== 0) {
    report(
      'entry-amount-by-type',
      `${entry.type} ${entry.id} moves ${entry.amount} credits; it must move none`,
    );
  }
  const sign = SIGN[entry.type];
  if (sign !== undefined && Math.sign(entry.amount) !== sign) {
    report(
      'entry-amount-by-type',
      `${entry.type} ${entry.id} has amount ${entry.amount}; it must be ${sign > 0 ? 'positive' : 'negative'}`,
    );
  }
}

/** Applies one entry to the replayed figures; a rollover resets usage and keeps or zeroes the allocation. */
function replay(state: Replay, entry: JournalEntry, owner: string, report: Report): Replay {
  switch (entry.type) {
    case 'allocation':
    case 'revocation':
      return { ...state, allocated: state.allocated + entry.amount };
    case 'usage':
    case 'refund':
      return { ...state, used: state.used - entry.amount };
    case 'rollover': {
      const next = entry.balanceAfter ?? 0;
      if (next !== 0 && next !== state.allocated) {
        report(
          'rollover-resets-usage',
          `${owner}: rollover ${entry.id} leaves ${next}; it must carry the allocation ${state.allocated} or reset to 0`,
        );
      }
      return { allocated: next, used: 0 };
    }
    default:
      return state;
  }
}

/**
 * Conservation per member: replaying the chain by type — allocated − revoked − used + refunded,
 * with usage reset at each rollover — gives back exactly the member's allocated and used; and
 * remaining = the balance the current period opened with + Σ the amounts of the entries since the
 * period started (none of which may precede, in the chain, an entry of an earlier period).
 */
export function checkConservation({ org, members, journal }: Snapshot, report: Report): void {
  const chains = new Map<string, JournalEntry[]>();
  for (const entry of journal) {
    checkAmount(entry, report);
    if (entry.userId === null) continue;
    const chain = chains.get(entry.userId) ?? [];
    chain.push(entry);
    chains.set(entry.userId, chain);
  }

  for (const member of members) {
    const owner = `member ${member.userId}`;
    const chain = [...(chains.get(member.userId) ?? [])].sort((a, b) => a.seq - b.seq);
    let state: Replay = { allocated: 0, used: 0 };
    for (const entry of chain) state = replay(state, entry, owner, report);
    if (state.allocated !== member.allocated || state.used !== member.used) {
      report(
        'member-conservation',
        `${owner}: the journal gives allocated ${state.allocated}, used ${state.used}; the record says allocated ${member.allocated}, used ${member.used}`,
      );
    }
    checkPeriodBalance(chain, org.periodStart, member.allocated - member.used, owner, report);
  }
}

function checkPeriodBalance(
  chain: JournalEntry[],
  periodStart: string,
  remaining: number,
  owner: string,
  report: Report,
): void {
  const start = Date.parse(periodStart);
  const first = chain.findIndex((e) => Date.parse(e.at) >= start);
  if (first === -1) {
    const opening = chain.at(-1)?.balanceAfter ?? 0;
    if (opening !== remaining) {
      report(
        'member-period-balance',
        `${owner}: no entry this period, yet remaining ${remaining} ≠ ${opening}`,
      );
    }
    return;
  }
  const opening = first === 0 ? 0 : (chain[first - 1]?.balanceAfter ?? 0);
  let sum = 0;
  for (const entry of chain.slice(first)) {
    if (Date.parse(entry.at) < start) {
      report(
        'member-period-balance',
        `${owner}: ${entry.type} ${entry.id} (seq ${entry.seq}) is dated before the period start ${periodStart} but follows an entry of this period`,
      );
    }
    sum += entry.amount;
  }
  if (opening + sum !== remaining) {
    report(
      'member-period-balance',
      `${owner}: the period opened at ${opening} and moved ${sum} since, but remaining is ${remaining}`,
    );
  }
}
