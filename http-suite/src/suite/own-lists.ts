import { responseSchemas as s } from '@allot/http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem } from './expect-problem';
import { createHarness, type Harness, type SuiteTarget } from './harness';

/**
 * `GET /me/requests` and `GET /me/holds`: the caller's own requests and holds whatever their
 * role. An admin's `GET /requests` and `GET /holds` are the organization's; a "my credits" page
 * built on them showed an admin everyone's requests and holds as their own.
 */
export function ownListTests(target: SuiteTarget): void {
  describe('the caller’s own requests and holds', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await createHarness(target);
    });
    afterEach(() => h.close());

    /** Gives ada credits of her own and a job of hers holding 40 of them, besides bob's seeded hold. */
    async function adaHolds(): Promise<string> {
      await h.as('ada').put('/members/ada/allocation').send({ total: 400 }).expect(200);
      const res = await h
        .as('ada')
        .post('/holds')
        .set('Idempotency-Key', 'ada-job')
        .send({ userId: 'ada', amount: 40, description: 'Ada’s own job' })
        .expect(201);
      return s.HoldResult.parse(res.body).hold.id;
    }

    it('GET /me/requests: an admin gets only her own requests, not the organization’s', async () => {
      const ada = s.CreditRequest.parse(
        (await h.as('ada').post('/requests').send({ amount: 60 }).expect(201)).body,
      );
      await h.as('cy').post('/requests').send({ amount: 70 }).expect(201);
      // The organization's list, for contrast: everyone's.
      const org = s.RequestsPage.parse((await h.as('ada').get('/requests').expect(200)).body);
      expect(org.items.map((r) => r.userId)).toEqual(['cy', 'ada', 'bob']);

      const mine = s.RequestsPage.parse((await h.as('ada').get('/me/requests').expect(200)).body);
      expect(mine).toEqual({
        items: [expect.objectContaining({ id: ada.id, userId: 'ada' })],
        nextCursor: null,
      });
      const pending = s.RequestsPage.parse(
        (await h.as('ada').get('/me/requests?status=pending').expect(200)).body,
      );
      expect(pending.items.map((r) => r.id)).toEqual([ada.id]);
      // Every request listed is one she may cancel.
      await h.as('ada').post(`/requests/${ada.id}/cancel`).expect(200);
      const cancelled = s.RequestsPage.parse((await h.as('ada').get('/me/requests').expect(200)).body);
      expect(cancelled.items.map((r) => [r.id, r.status])).toEqual([[ada.id, 'cancelled']]);
      expect(
        s.RequestsPage.parse((await h.as('ada').get('/me/requests?status=pending').expect(200)).body).items,
      ).toEqual([]);
    });

    it('GET /me/requests: a member gets their own, as on GET /requests, paged by cursor', async () => {
      const second = s.CreditRequest.parse(
        (await h.as('bob').post('/requests').send({ amount: 20 }).expect(201)).body,
      );
      await h.as('cy').post('/requests').send({ amount: 70 }).expect(201);
      const mine = s.RequestsPage.parse((await h.as('bob').get('/me/requests').expect(200)).body);
      expect(mine.items.map((r) => r.id)).toEqual([second.id, h.requestId]);
      expect(mine).toEqual(s.RequestsPage.parse((await h.as('bob').get('/requests').expect(200)).body));

      const first = s.RequestsPage.parse((await h.as('bob').get('/me/requests?limit=1').expect(200)).body);
      expect(first.items.map((r) => r.id)).toEqual([second.id]);
      const cursor = encodeURIComponent(first.nextCursor ?? '');
      const next = s.RequestsPage.parse(
        (await h.as('bob').get(`/me/requests?limit=1&cursor=${cursor}`).expect(200)).body,
      );
      expect(next).toEqual({ items: [expect.objectContaining({ id: h.requestId })], nextCursor: null });
      // Someone with no requests gets an empty page.
      expect(s.RequestsPage.parse((await h.as('gus').get('/me/requests').expect(200)).body).items).toEqual(
        [],
      );
    });

    it('GET /me/holds: an admin gets only her own holds, a member their own', async () => {
      const adaHold = await adaHolds();
      const org = s.HoldsPage.parse((await h.as('ada').get('/holds').expect(200)).body);
      expect(org.items.map((x) => x.id)).toEqual([adaHold, h.holdId]);

      const mine = s.HoldsPage.parse((await h.as('ada').get('/me/holds').expect(200)).body);
      expect(mine).toEqual({
        items: [expect.objectContaining({ id: adaHold, userId: 'ada', amount: 40, status: 'active' })],
        nextCursor: null,
      });
      const bobs = s.HoldsPage.parse((await h.as('bob').get('/me/holds').expect(200)).body);
      expect(bobs.items.map((x) => [x.id, x.userId])).toEqual([[h.holdId, 'bob']]);
      expect(s.HoldsPage.parse((await h.as('cy').get('/me/holds').expect(200)).body).items).toEqual([]);

      // Active by default; `status` picks others, still only the caller's.
      await h.as('ada').post(`/holds/${adaHold}/release`).expect(200);
      expect(s.HoldsPage.parse((await h.as('ada').get('/me/holds').expect(200)).body).items).toEqual([]);
      const released = s.HoldsPage.parse((await h.as('ada').get('/me/holds?status=all').expect(200)).body);
      expect(released.items.map((x) => [x.id, x.status])).toEqual([[adaHold, 'released']]);
    });

    it('the own routes take no userId: naming anyone, even oneself, is a 400', async () => {
      const before = await h.journalSize();
      for (const path of ['/me/requests?userId=bob', '/me/holds?userId=bob', '/me/requests?userId=ada']) {
        const problem = expectProblem(await h.as('ada').get(path), 400, 'validation');
        expect(problem.issues).toEqual([
          expect.objectContaining({ path: 'userId', in: 'query', code: 'unrecognized_keys' }),
        ]);
      }
      expectProblem(await h.as('ada').get('/me/requests?status=granted'), 400, 'validation');
      expectProblem(await h.as('ada').get('/me/holds?limit=0'), 400, 'validation');
      expect(await h.journalSize()).toBe(before);
    });

    it('GET /openapi.json describes both routes from the route table: no userId, the core page schemas', async () => {
      const doc = (await h.as().get('/openapi.json').expect(200)).body as {
        paths: Record<
          string,
          { get?: { operationId: string; parameters: { name: string }[]; responses: object } }
        >;
      };
      for (const [path, operationId, page] of [
        ['/me/requests', 'listOwnRequests', 'RequestsPage'],
        ['/me/holds', 'listOwnHolds', 'HoldsPage'],
      ] as const) {
        const get = doc.paths[path]?.get;
        expect(get?.operationId).toBe(operationId);
        expect(get?.parameters.map((p) => p.name)).toEqual(['status', 'cursor', 'limit']);
        expect(get?.responses).toMatchObject({
          200: { content: { 'application/json': { schema: { $ref: `#/components/schemas/${page}` } } } },
        });
      }
    });

    it('another organization’s admin sees none of acme’s requests or holds as theirs', async () => {
      const requests = s.RequestsPage.parse(
        (await h.as('gus').get('/me/requests?status=all').expect(200)).body,
      );
      expect(requests.items).toEqual([]);
      const holds = s.HoldsPage.parse((await h.as('gus').get('/me/holds?status=all').expect(200)).body);
      expect(holds.items).toEqual([]);
      const hanks = s.RequestsPage.parse((await h.as('hank').get('/me/requests').expect(200)).body);
      expect(hanks.items.map((r) => r.id)).toEqual([h.otherOrgRequestId]);
    });
  });
}
