import { describe, expect, it } from 'vitest';
import { expectProblem } from './expect-problem';
import { createHarness, type SuiteTarget } from './harness';

/** A store that fails for real (its database closed under it) → 503 problems that leak nothing. */
export function storeFailureTests(target: SuiteTarget): void {
  describe('store failures', () => {
    it('store_unavailable → 503 without the store’s own message, reported to onError', async () => {
      const h = await createHarness(target);
      await h.store.close?.();
      try {
        for (const res of [
          await h.as('ada').get('/overview'),
          await h.as('ada').put('/members/cy/allocation').send({ total: 1 }),
          await h.as('ada').get('/ledger'),
        ]) {
          const problem = expectProblem(res, 503, 'store_unavailable');
          expect(problem.detail).toBe('The store is unavailable; nothing was written. Retry the request.');
        }
        // The export authorizes against the store before the first byte, so it fails cleanly too.
        expectProblem(await h.as('ada').get('/ledger.csv'), 503, 'store_unavailable');
        expect(h.errorsReported.length).toBe(4);
        expect(JSON.stringify(h.errorsReported[0])).toContain('store_unavailable');
      } finally {
        await new Promise((resolve) => {
          h.server.close(resolve);
          h.server.closeAllConnections();
        });
      }
    });
  });
}
