import type { Report, Snapshot } from './types';

/** 0 ≤ used ≤ allocated for every member; Σ allocated = the pool's allocated ≤ the monthly pool. */
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
    if (m.orgId !== org.id) report('member-org', `member ${m.userId} belongs to ${m.orgId}, not ${org.id}`);
  }
  if (allocated !== org.allocated) {
    report('pool-allocated-sum', `Σ member allocations is ${allocated} but the pool says ${org.allocated}`);
  }
  if (org.allocated < 0 || org.allocated > org.monthlyPool) {
    report(
      'pool-within-monthly',
      `allocated ${org.allocated} must be within 0..monthlyPool ${org.monthlyPool}`,
    );
  }
}
