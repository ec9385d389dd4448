import type { JournalEntry } from '@allot/core';
import { exact } from './exact';
import { checkRollovers, type RolloverStep } from './rollovers';
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
  hold: -1,
  hold_released: 1,
  top_up: 1,
};

/** Types that belong to the organization's own chain, and types that belong to a member's. */
const ORG_ONLY = new Set<JournalEntry['type']>([
  'top_up',
  'organization_created',
  'settings_changed',
  'period_started',
]);
const HOLD_TYPES = new Set<JournalEntry['type']>(['hold', 'hold_released']);

/** A member's allocated, used, held (exact) and status, replayed from their chain. */
interface Replay {
  allocated: bigint;
  used: bigint;
  held: bigint;
  active: boolean;
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
  if (ORG_ONLY.has(entry.type) !== (entry.userId === null)) {
    report(
      'entry-owner-by-type',
      `${entry.type} ${entry.id} ${entry.userId === null ? 'has no member' : `is on member ${entry.userId}`}; it belongs to ${ORG_ONLY.has(entry.type) ? 'the organization' : 'a member'}`,
    );
  }
  if (HOLD_TYPES.has(entry.type) && entry.holdId === null) {
    report('hold-entry-names-hold', `${entry.type} ${entry.id} names no hold`);
  }
}

/**
 * Applies one entry to the replayed figures: a hold moves credits into held and its release back;
 * a rollover (after every hold was released) resets usage and held, and is collected in
 * `rollovers` to be checked against the policy with the other members' (see `rollovers.ts`).
 */
function replay(
  state: Replay,
  entry: JournalEntry,
  owner: string,
  rollovers: RolloverStep[],
  report: Report,
): Replay {
  const amount = exact(entry.amount);
  switch (entry.type) {
    case 'allocation':
    case 'revocation':
      return { ...state, allocated: state.allocated + amount };
    case 'usage':
    case 'refund':
      return { ...state, used: state.used - amount };
    case 'hold':
    case 'hold_released':
      return { ...state, held: state.held - amount };
    case 'member_enrolled':
      return { ...state, active: true };
    case 'member_removed':
      return { ...state, active: false };
    case 'rollover': {
      const next = exact(entry.balanceAfter);
      if (state.held !== 0n) {
        report(
          'rollover-releases-holds',
          `${owner}: rollover ${entry.id} comes while ${state.held} credits are still held`,
        );
      }
      rollovers.push({
        owner,
        entryId: entry.id,
        at: entry.at,
        active: state.active,
        allocated: state.allocated,
        next,
      });
      return { ...state, allocated: next, used: 0n, held: 0n };
    }
    default:
      return state;
  }
}

/**
 * Conservation per member: replaying the chain by type — allocated − revoked − used + refunded,
 * held + reserved − released, with usage reset at each rollover — gives back exactly the
 * member's allocated, used and held; every rollover follows the policy for all members at once
 * (`rollovers.ts`); and remaining = the balance the current period opened with
 * + Σ the amounts of the entries since the period started (none of which may precede, in the
 * chain, an entry of an earlier period). The pool's top-ups are the Σ of this period's `top_up`
 * entries. Every sum is exact (BigInt): float addition past `Number.MAX_SAFE_INTEGER` would
 * round a drift away.
 */
export function checkConservation({ org, members, journal }: Snapshot, report: Report): void {
  const chains = new Map<string, JournalEntry[]>();
  const periodStart = Date.parse(org.periodStart);
  let topUps = 0n;
  for (const entry of journal) {
    checkAmount(entry, report);
    if (entry.type === 'top_up' && Date.parse(entry.at) >= periodStart) topUps += exact(entry.amount);
    if (entry.userId === null) continue;
    const chain = chains.get(entry.userId) ?? [];
    chain.push(entry);
    chains.set(entry.userId, chain);
  }

  const rollovers: RolloverStep[] = [];
  for (const member of members) {
    const owner = `member ${member.userId}`;
    const chain = [...(chains.get(member.userId) ?? [])].sort((a, b) => a.seq - b.seq);
    let state: Replay = { allocated: 0n, used: 0n, held: 0n, active: true };
    for (const entry of chain) state = replay(state, entry, owner, rollovers, report);
    if (
      state.allocated !== exact(member.allocated) ||
      state.used !== exact(member.used) ||
      state.held !== exact(member.held)
    ) {
      report(
        'member-conservation',
        `${owner}: the journal gives allocated ${state.allocated}, used ${state.used}, held ${state.held}; the record says allocated ${member.allocated}, used ${member.used}, held ${member.held}`,
      );
    }
    const remaining = exact(member.allocated) - exact(member.used) - exact(member.held);
    checkPeriodBalance(chain, org.periodStart, remaining, owner, report);
  }
  checkRollovers(rollovers, report);

  if (topUps !== exact(org.topUps)) {
    report(
      'pool-top-ups',
      `this period's top_up entries add ${topUps} but the pool says topUps ${org.topUps}`,
    );
  }
}

function checkPeriodBalance(
  chain: JournalEntry[],
  periodStart: string,
  remaining: bigint,
  owner: string,
  report: Report,
): void {
  const start = Date.parse(periodStart);
  const first = chain.findIndex((e) => Date.parse(e.at) >= start);
  if (first === -1) {
    const opening = exact(chain.at(-1)?.balanceAfter ?? 0);
    if (opening !== remaining) {
      report(
        'member-period-balance',
        `${owner}: no entry this period, yet remaining ${remaining} ≠ ${opening}`,
      );
    }
    return;
  }
  const opening = first === 0 ? 0n : exact(chain[first - 1]?.balanceAfter ?? 0);
  let sum = 0n;
  for (const entry of chain.slice(first)) {
    if (Date.parse(entry.at) < start) {
      report(
        'member-period-balance',
        `${owner}: ${entry.type} ${entry.id} (seq ${entry.seq}) is dated before the period start ${periodStart} but follows an entry of this period`,
      );
    }
    sum += exact(entry.amount);
  }
  if (opening + sum !== remaining) {
    report(
      'member-period-balance',
      `${owner}: the period opened at ${opening} and moved ${sum} since, but remaining is ${remaining}`,
    );
  }
}
