import { describe } from 'vitest';
import { createSuiteContext } from './harness/context';
import { alertsSuite } from './suites/alerts';
import { allocationSuite } from './suites/allocation';
import { authorizationSuite } from './suites/authorization';
import { batchUsageSuite } from './suites/batch-usage';
import { commitOutcomesSuite } from './suites/commit-outcomes';
import { concurrencySuite } from './suites/concurrency';
import { csvExportSuite } from './suites/csv-export';
import { entitlementsSuite } from './suites/entitlements';
import { errorsPerMethodSuite } from './suites/errors-per-method';
import { eventsSuite } from './suites/events';
import { holdsSuite } from './suites/holds';
import { idempotencySuite } from './suites/idempotency';
import { invariantCheckerSuite } from './suites/invariant-checker';
import { journalIntegritySuite } from './suites/journal-integrity';
import { journalTamperSuite } from './suites/journal-tamper';
import { membershipSuite } from './suites/membership';
import { orgFromActorSuite } from './suites/org-from-actor';
import { organizationsSuite } from './suites/organizations';
import { readsLedgerSuite } from './suites/reads-ledger';
import { readsOverviewSuite } from './suites/reads-overview';
import { removalRequestsSuite } from './suites/removal-requests';
import { requestsSuite } from './suites/requests';
import { rolloverSuite } from './suites/rollover';
import { safeTotalsSuite } from './suites/safe-totals';
import { storableTextSuite } from './suites/storable-text';
import { strictInputsSuite } from './suites/strict-inputs';
import { tenantIsolationSuite } from './suites/tenant-isolation';
import { topUpsSuite } from './suites/top-ups';
import { usageSuite } from './suites/usage';
import { validationSuite } from './suites/validation';
import type { ConformanceTarget } from './types';

/**
 * Registers the whole Allot conformance suite (vitest `describe`/`it` blocks) for one adapter.
 * Every test makes its own organization on the shared store, and after every test the
 * invariants of each organization it made are checked with {@link checkInvariants}.
 *
 * @example
 * ```ts
 * // packages/my-adapter/src/my-adapter.test.ts
 * import { runConformanceSuite } from '@allot/testkit';
 * import { createMyStore } from './index';
 *
 * runConformanceSuite({ name: 'my-adapter', createStore: () => createMyStore({ url: process.env.DB_URL! }) });
 * ```
 */
export function runConformanceSuite(target: ConformanceTarget): void {
  describe(`Allot conformance: ${target.name}`, () => {
    const kit = createSuiteContext(target);
    organizationsSuite(kit);
    membershipSuite(kit);
    allocationSuite(kit);
    usageSuite(kit);
    batchUsageSuite(kit);
    holdsSuite(kit);
    topUpsSuite(kit);
    safeTotalsSuite(kit);
    requestsSuite(kit);
    removalRequestsSuite(kit);
    readsOverviewSuite(kit);
    readsLedgerSuite(kit);
    csvExportSuite(kit);
    journalIntegritySuite(kit);
    journalTamperSuite(kit);
    rolloverSuite(kit);
    alertsSuite(kit);
    eventsSuite(kit);
    authorizationSuite(kit);
    orgFromActorSuite(kit);
    entitlementsSuite(kit);
    tenantIsolationSuite(kit);
    idempotencySuite(kit);
    commitOutcomesSuite(kit);
    errorsPerMethodSuite(kit);
    validationSuite(kit);
    strictInputsSuite(kit);
    storableTextSuite(kit);
    concurrencySuite(kit);
    invariantCheckerSuite(kit);
  });
}
