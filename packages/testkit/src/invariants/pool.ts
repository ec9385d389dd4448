import type { Report, Snapshot } from './types';

/**
 * Per member 0 ≤ used ≤ allocated, held ≥ 0 and remaining = allocated − used − held ≥ 0;
 * Σ allocated = the pool's allocated ≤ this period's pool (monthly pool + top-ups).
 */
export function checkPool({ org, members }: Snapshot, report: Report): void {
  let allocated = 0;
  for (const m of members) {
    allocated += m.allocated;
    if (m.used < 0 || m.used > m.allocated) {
      report(
        'member-used-range',
        `member ${m.userId}: used ${m.used} must be within 0..allocated ${m.allocated}`,
      );
    }
    if (m.held < 0 || m.used + m.held > m.allocated) {
      report(
        'member-remaining-range',
        `member ${m.userId}: held ${m.held} must be ≥ 0 and used ${m.used} + held ≤ allocated ${m.allocated}`,
      );
    }
    if (m.orgId !== org.id) report('member-org', `member ${m.userId} belongs to ${m.orgId}, not ${org.id}`);
  }
  if (allocated !== org.allocated) {
    report('pool-allocated-sum', `Σ member allocations is ${allocated} but the pool says ${org.allocated}`);
  }
  if (org.topUps < 0) report('pool-top-ups', `top-ups ${org.topUps} must not be negative`);
  const pool = org.monthlyPool + org.topUps;
  if (org.allocated < 0 || org.allocated > pool) {
    report(
      'pool-within-monthly',
      `allocated ${org.allocated} must be within 0..monthlyPool ${org.monthlyPool} + topUps ${org.topUps}`,
    );
  }
}
