// The commands an event-crash worker runs on its organization, and what it reports as committed.
import { type Allot, actors } from '@allot/core';
import { must, settle } from '../support/results';

/** What a worker's commands committed (and refused), as plain data for the parent. */
export interface ScriptResult {
  /** Ids of the journal entries the answers carried (consumes and the assign). */
  entryIds: string[];
  /** Keys of the commands that wrote. */
  idempotencyKeys: string[];
  /** The credit request submitted. */
  requestId: string;
  /** A consume far above the balance: refused, so it must write and emit nothing. */
  refused: { key: string; code: string };
  /** A consume sent twice under one key: the second is a replay and must emit nothing. */
  replayedKey: string;
  /** The member whose assign crosses the `remaining_below_percent` alert. */
  alertUserId: string;
  /** Commands sent. */
  calls: number;
}

/** The member alert the script trips: 10 % of the allocation is the default threshold. */
export const ALERT_THRESHOLD = 'remaining_below_percent';

/**
 * On an organization of members `m0`–`m2` with 500 credits each (and a pool large enough that no
 * pool alert fires): three consumes, one refused overspend, a credit request, an assign that
 * drops `m2` below 10 % remaining (`alert.triggered`), and a replayed consume.
 */
export async function runScript(allot: Allot, orgId: string): Promise<ScriptResult> {
  const system = actors.system();
  const consume = (userId: string, amount: number, key: string) =>
    allot.consume({ actor: system, orgId, userId, amount, idempotencyKey: key, description: 'events crash' });

  const first = await must(consume('m0', 40, 'c1'));
  const second = await must(consume('m1', 25, 'c2'));
  const over = await settle(consume('m2', 10_000, 'over-1'));
  if (over.ok) throw new Error('a consume of 10 000 on a balance of 500 must be refused');
  const request = await must(
    allot.submitRequest({ actor: actors.user(orgId, 'm1'), orgId, amount: 100, message: 'more please' }),
  );
  const third = await must(consume('m2', 100, 'c3'));
  // m2: 100 used of 500; a total of 105 leaves 5 (< 10 %): the member alert fires.
  const assigned = await must(
    allot.assign({ actor: system, orgId, userId: 'm2', total: 105, idempotencyKey: 'a1' }),
  );
  const replay = await must(consume('m0', 40, 'c1'));
  if (replay.usage.id !== first.usage.id) throw new Error('the second c1 must replay the first');
  if (!assigned.entry) throw new Error('the assign must write an entry');

  return {
    entryIds: [first.usage.id, second.usage.id, third.usage.id, assigned.entry.id],
    idempotencyKeys: ['c1', 'c2', 'c3', 'a1'],
    requestId: request.id,
    refused: { key: 'over-1', code: over.error.code },
    replayedKey: 'c1',
    alertUserId: 'm2',
    calls: 8,
  };
}
