import { afterAll, beforeAll, describe, it } from 'vitest';
import type { StoreSpec } from '../support/store-spec';
import { freshSpec } from '../support/targets';
import { bankTest, hotMemberTest } from './bank';

describe('bank test on postgres (4 worker processes)', () => {
  let spec: StoreSpec;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    ({ spec, remove } = await freshSpec('postgres'));
  });
  afterAll(async () => {
    await remove?.();
  });

  it('random concurrent commands with duplicates: every invariant and every snapshot holds', async () => {
    await bankTest('postgres', spec, 5000);
  }, 20_000);

  it('the same with a quarter of the operations sent as consumeMany batches of 2–8 consumes', async () => {
    await bankTest('postgres', spec, 5000, { batchRate: 0.25 });
  }, 20_000);

  it('hot member: balance 60, 100 concurrent consumes of 1 → exactly 60 succeed, 0 remaining', async () => {
    await hotMemberTest('postgres', spec, 60, 40);
  }, 20_000);
});
