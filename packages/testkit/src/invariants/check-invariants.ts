import type { AllotStore } from '@allot/core';
import { checkChains } from './chains';
import { checkConservation } from './conservation';
import { checkEffects } from './effects';
import { checkHashes } from './hashes';
import { checkHolds } from './holds';
import { checkKeys } from './keys';
import { checkPool } from './pool';
import { checkSafeFigures } from './safe-figures';
import { loadSnapshot } from './snapshot';
import type { InvariantOptions, InvariantViolation } from './types';

/**
 * Checks every invariant of one organization through the public port only (so it works on any
 * adapter) and returns the violations; `[]` when all hold. The rules:
 *
 * - 0 ≤ used ≤ allocated and remaining = allocated − used − held ≥ 0 per member; Σ allocated =
 *   the pool's allocated ≤ this period's pool (monthly pool + top-ups);
 * - each member's journal chain is gapless from seq 1 with `balanceAfter` = previous + amount,
 *   ending at remaining; the organization's own chain is gapless and moves no credits except
 *   `top_up` entries, whose Σ this period is the pool's top-ups;
 * - every hash chain verifies (each entry's hash covers its content and its predecessor's hash;
 *   each record's `lastHash` is its chain's head);
 * - conservation: replaying each member's chain by type (allocated − revoked − used + refunded,
 *   reserved − released held, usage reset at rollover) gives exactly its allocated, used and held;
 *   entries that move no credits have amount 0; remaining = the period's opening balance + Σ
 *   amounts since the period start;
 * - holds: a member's held is Σ of its active holds, `holdsExpireAt` is null exactly without any
 *   and never after the earliest; each hold's journal (one `hold`, one `hold_released` once
 *   settled, one `usage` when captured) matches its status;
 * - used matches this period's usage minus refunds; a refund never exceeds its usage;
 * - at most one effect per idempotency key;
 * - with `options`: every acknowledged entry id and key is present, and no refused key wrote;
 * - every total (pool, top-ups, allocated, used, held, amounts, balances) is a whole number within
 *   `Number.MAX_SAFE_INTEGER`, and every sum above is taken exactly (BigInt), so a drift that
 *   float addition would round away is reported.
 *
 * @example
 * ```ts
 * import { checkInvariants } from '@allot/testkit';
 *
 * expect(await checkInvariants(store, orgId)).toEqual([]);
 * expect(
 *   await checkInvariants(store, orgId, { acknowledged: { entryIds: [usage.id] }, rejectedKeys: ['k-9'] }),
 * ).toEqual([]);
 * ```
 */
export async function checkInvariants(
  store: AllotStore,
  orgId: string,
  options: InvariantOptions = {},
): Promise<InvariantViolation[]> {
  const snapshot = await loadSnapshot(store, orgId);
  if (!snapshot) return [{ rule: 'organization-exists', detail: `no organization ${orgId}` }];
  const violations: InvariantViolation[] = [];
  const report = (rule: string, detail: string) => {
    violations.push({ rule, detail });
  };
  checkSafeFigures(snapshot, report);
  checkPool(snapshot, report);
  checkChains(snapshot, report);
  checkHashes(snapshot, report);
  checkConservation(snapshot, report);
  checkHolds(snapshot, report);
  checkEffects(snapshot, report);
  checkKeys(snapshot, options, report);
  return violations;
}
