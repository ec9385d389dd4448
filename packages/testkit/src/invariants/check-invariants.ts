import type { AllotStore } from '@allot/core';
import { checkChains } from './chains';
import { checkEffects } from './effects';
import { checkPool } from './pool';
import { loadSnapshot } from './snapshot';
import type { InvariantViolation } from './types';

/**
 * Checks every invariant of one organization through the public port only (so it works on any
 * adapter) and returns the violations; `[]` when all hold. The rules: 0 ≤ used ≤ allocated per
 * member; Σ allocated = the pool's allocated ≤ the monthly pool; each member's journal chain is
 * gapless from seq 1 with `balanceAfter` = previous + amount, ending at allocated − used; the
 * organization's own chain is gapless; used matches this period's usage minus refunds; a usage
 * or refund key is used once; refunds never exceed their usage.
 *
 * @example
 * ```ts
 * import { checkInvariants } from '@allot/testkit';
 *
 * expect(await checkInvariants(store, orgId)).toEqual([]);
 * ```
 */
export async function checkInvariants(store: AllotStore, orgId: string): Promise<InvariantViolation[]> {
  const snapshot = await loadSnapshot(store, orgId);
  if (!snapshot) return [{ rule: 'organization-exists', detail: `no organization ${orgId}` }];
  const violations: InvariantViolation[] = [];
  const report = (rule: string, detail: string) => {
    violations.push({ rule, detail });
  };
  checkPool(snapshot, report);
  checkChains(snapshot, report);
  checkEffects(snapshot, report);
  return violations;
}
