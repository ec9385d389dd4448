import { afterAll, beforeAll, describe, it } from 'vitest';
import type { StoreSpec } from '../support/store-spec';
import { freshSpec } from '../support/targets';
import { crashTest } from './crash';

describe('crash test on postgres: a writer SIGKILLed under load, 5 times', () => {
  let spec: StoreSpec;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    ({ spec, remove } = await freshSpec('postgres'));
  });
  afterAll(async () => {
    await remove?.();
  });

  it('keeps every acknowledged write, stays consistent, and applies each in-flight call exactly once on resubmission', async () => {
    await crashTest('postgres', spec, 5);
  }, 30_000);
});
