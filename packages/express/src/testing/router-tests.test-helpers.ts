import { accessTests } from './access.test-helpers';
import { csvTests } from './csv.test-helpers';
import { entitlementTests } from './entitlements.test-helpers';
import { errorTests } from './errors.test-helpers';
import { happyPathTests } from './happy-paths.test-helpers';
import type { StoreFactory } from './harness.test-helpers';
import { holdTests } from './holds.test-helpers';
import { propertyTests } from './property.test-helpers';

/** Every router test, over one store. */
export function routerTests(factory: StoreFactory, options: { propertyRuns: number }): void {
  happyPathTests(factory);
  accessTests(factory);
  entitlementTests(factory);
  errorTests(factory);
  holdTests(factory);
  csvTests(factory);
  propertyTests(factory, options.propertyRuns);
}
