import { accessTests } from './access.test-helpers';
import type { StoreFactory } from './harness.test-helpers';
import { happyPathTests } from './happy-paths.test-helpers';

/** Every router test, over one store. */
export function routerTests(factory: StoreFactory): void {
  happyPathTests(factory);
  accessTests(factory);
}
