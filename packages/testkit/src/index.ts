export { parseCsv } from './harness/csv-parse';
export { checkInvariants } from './invariants/check-invariants';
export type { InvariantOptions, InvariantViolation } from './invariants/types';
export { runConformanceSuite } from './run-conformance-suite';
export { deferred, fundedOrg, settlesWithin, unwrap } from './storage/fixtures';
export type { ConformanceTarget } from './types';
