import { exact } from './exact';
import type { Report, Snapshot } from './types';

/**
 * Per member 0 ≤ used ≤ allocated, held ≥ 0 and remaining = allocated − used − held ≥ 0;
 * Σ allocated = the pool's allocated ≤ this period's pool (monthly pool + top-ups). Summed as
 * BigInt, so a drift float addition would round away is still seen.
 */
export function checkPool({ org, members }: Snapshot, report: Report): void {
  let allocated = 0n;
  for (const m of members) {
    allocated += exact(m.allocated);
    if (m.used < 0 || m.used > m.allocated) {
      report(
        'member-used-range',
        `member ${m.userId}: used ${m.used} must be within 0..allocated ${m.allocated}`,
      );
    }
    if (m.held < 0 || exact(m.used) + exact(m.held) > exact(m.allocated)) {
      report(
        'member-remaining-range',
        `member ${m.userId}: held ${m.held} must be ≥ 0 and used ${m.used} + held ≤ allocated ${m.allocated}`,
      );
    }
    if (m.orgId !== org.id) report('member-org', `member ${m.userId} belongs to ${m.orgId}, not ${org.id}`);
  }
  if (allocated !== exact(org.allocated)) {
    report('pool-allocated-sum', `Σ member allocations is ${allocated} but the pool says ${org.allocated}`);
  }
  if (org.topUps < 0) report('pool-top-ups', `top-ups ${org.topUps} must not be negative`);
  const pool = exact(org.monthlyPool) + exact(org.topUps);
  if (org.allocated < 0 || exact(org.allocated) > pool) {
    report(
      'pool-within-monthly',
      `allocated ${org.allocated} must be within 0..monthlyPool ${org.monthlyPool} + topUps ${org.topUps}`,
    );
  }
}
