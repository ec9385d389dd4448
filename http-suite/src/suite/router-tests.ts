import { accessTests } from './access';
import { csvTests } from './csv';
import { entitlementTests } from './entitlements';
import { errorTests } from './errors';
import { happyPathTests } from './happy-paths';
import type { SuiteTarget } from './harness';
import { holdTests } from './holds';
import { ownListTests } from './own-lists';
import { propertyTests } from './property';
import { usageBatchTests } from './usage-batch';

/** Every router test, over one store. */
export function routerTests(target: SuiteTarget, options: { propertyRuns: number }): void {
  happyPathTests(target);
  accessTests(target);
  entitlementTests(target);
  errorTests(target);
  holdTests(target);
  usageBatchTests(target);
  ownListTests(target);
  csvTests(target);
  propertyTests(target, options.propertyRuns);
}
