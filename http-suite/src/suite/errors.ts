import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem } from './expect-problem';
import { createHarness, type Harness, type SuiteTarget } from './harness';

/** Problem responses for every AllotError code and every way a request can be malformed. */
export function errorTests(target: SuiteTarget): void {
  describe('errors', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await createHarness(target, { bodyLimit: '2kb' });
    });
    afterEach(() => h.close());

    it('validation → 400 with the field issues and where each was found', async () => {
      const res = await h.as('ada').put('/members/%20/allocation?x=1').send({ total: -1, extra: true });
      const problem = expectProblem(res, 400, 'validation');
      expect(problem.issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'userId', in: 'path' }),
          expect.objectContaining({ path: 'x', in: 'query', code: 'unrecognized_keys' }),
          expect.objectContaining({ path: 'total', in: 'body', code: 'too_small' }),
          expect.objectContaining({ path: 'extra', in: 'body', code: 'unrecognized_keys' }),
        ]),
      );
      expectProblem(await h.as('ada').get('/members?limit=abc'), 400, 'validation');
      expectProblem(await h.as('ada').get('/ledger?from=2026-12-01&to=2026-11-01'), 400, 'validation');
      expectProblem(await h.as('bob').get('/me/ledger?from=2026-12-01&to=2026-11-01'), 400, 'validation');
      expectProblem(await h.as('ada').get('/ledger?type=usage&type=nonsense'), 400, 'validation');
      expectProblem(await h.as('ada').get('/ledger?userId=a&userId=b'), 400, 'validation');
      expectProblem(await h.as('ada').get('/ledger?cursor=not-a-cursor'), 400, 'validation');
      expectProblem(await h.as('ada').post('/requests').send([1, 2]), 400, 'validation');
    });

    it('not_found → 404', async () => {
      const problem = expectProblem(
        await h.as('ada').post('/members/zed/revocations').send({ amount: 1 }),
        404,
        'not_found',
      );
      expect(problem).toMatchObject({ resource: 'member' });
    });

    it('forbidden → 403', async () => {
      expectProblem(await h.as('bob').get('/overview'), 403, 'forbidden');
    });

    it('insufficient_pool → 409 with what was asked and what is left', async () => {
      const res = await h.as('ada').put('/members/cy/allocation').send({ total: 1_000_000 });
      expect(expectProblem(res, 409, 'insufficient_pool')).toMatchObject({
        requested: 998_000,
        available: 5000,
      });
    });

    it('insufficient_credits → 409', async () => {
      const res = await h
        .as('ada')
        .post('/usage')
        .set('Idempotency-Key', 'big')
        .send({ userId: 'bob', amount: 1501 });
      expect(expectProblem(res, 409, 'insufficient_credits')).toMatchObject({
        requested: 1501,
        available: 1500,
      });
    });

    it('allocation_below_usage → 409', async () => {
      const res = await h.as('ada').put('/members/bob/allocation').send({ total: 100 });
      // `used` counts what the member has committed: 1200 used plus the 300 on hold.
      expect(expectProblem(res, 409, 'allocation_below_usage')).toMatchObject({ total: 100, used: 1500 });
    });

    it('request_not_pending → 409', async () => {
      await h.as('ada').post(`/requests/${h.requestId}/reject`).expect(200);
      const res = await h.as('ada').post(`/requests/${h.requestId}/approve`);
      expect(expectProblem(res, 409, 'request_not_pending')).toMatchObject({ requestStatus: 'rejected' });
    });

    it('period_closed → 409 (refunding a usage of an earlier billing period)', async () => {
      h.clock.set('2026-12-03T09:00:00Z');
      const res = await h
        .as('ada')
        .post('/refunds')
        .set('Idempotency-Key', 'late')
        .send({ usageId: h.usageId });
      expectProblem(res, 409, 'period_closed');
    });

    it('idempotency_conflict → 409 (same key, another payload)', async () => {
      await h
        .as('ada')
        .put('/members/cy/allocation')
        .set('Idempotency-Key', 'k1')
        .send({ total: 2100 })
        .expect(200);
      const res = await h
        .as('ada')
        .put('/members/cy/allocation')
        .set('Idempotency-Key', 'k1')
        .send({ total: 2200 });
      expectProblem(res, 409, 'idempotency_conflict');
    });

    it('conflict → 409 (the last admin stepping down)', async () => {
      expectProblem(await h.as('ada').patch('/members/ada').send({ role: 'member' }), 409, 'conflict');
    });

    it('Idempotency-Key replays the first result and writes nothing more, on every kind of route', async () => {
      const before = await h.journalSize();
      const first = await h
        .as('ada')
        .put('/members/cy/allocation')
        .set('Idempotency-Key', 'once')
        .send({ total: 2100 });
      const again = await h
        .as('ada')
        .put('/members/cy/allocation')
        .set('Idempotency-Key', 'once')
        .send({ total: 2100 });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(await h.journalSize()).toBe(before + 1);

      const submit = () => h.as('cy').post('/requests').set('Idempotency-Key', 'ask').send({ amount: 5 });
      const [a, b] = [await submit(), await submit()];
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.body.id).toBe(a.body.id);
      expect(await h.journalSize()).toBe(before + 2);

      const use = () =>
        h.as('ada').post('/usage').set('Idempotency-Key', 'job-9').send({ userId: 'cy', amount: 7 });
      const [u1, u2] = [await use(), await use()];
      expect(u2.body).toEqual(u1.body);
      expect(await h.journalSize()).toBe(before + 3);
    });

    it('the usage routes require an Idempotency-Key header', async () => {
      const before = await h.journalSize();
      const res = await h.as('ada').post('/usage').send({ userId: 'bob', amount: 1 });
      const problem = expectProblem(res, 400, 'validation');
      expect(problem.issues).toEqual([expect.objectContaining({ path: 'Idempotency-Key', in: 'header' })]);
      expectProblem(await h.as('ada').post('/refunds').send({ usageId: h.usageId }), 400, 'validation');
      const tooLong = h
        .as('ada')
        .post('/usage')
        .set('Idempotency-Key', 'k'.repeat(256))
        .send({ userId: 'bob', amount: 1 });
      expectProblem(await tooLong, 400, 'validation');
      expect(await h.journalSize()).toBe(before);
    });

    it('malformed JSON → 400, never the HTML error page', async () => {
      const res = await h
        .as('ada')
        .put('/members/cy/allocation')
        .set('content-type', 'application/json')
        .send('{"total": 1');
      expectProblem(res, 400, 'malformed_json');
      const scalar = await h
        .as('ada')
        .post('/requests')
        .set('content-type', 'application/json')
        .send('"just a string"');
      expectProblem(scalar, 400, 'malformed_json');
    });

    it('a body over the limit → 413', async () => {
      const res = await h
        .as('cy')
        .post('/requests')
        .send({ amount: 1, message: 'x'.repeat(4000) });
      expect(expectProblem(res, 413, 'payload_too_large').detail).toContain('2kb');
    });

    it('a body that is not JSON → 415', async () => {
      const res = await h.as('cy').post('/requests').set('content-type', 'text/plain').send('amount=5');
      expectProblem(res, 415, 'unsupported_media_type');
      const form = await h.as('cy').post('/requests').type('form').send({ amount: 5 });
      expectProblem(form, 415, 'unsupported_media_type');
      const latin = await h
        .as('cy')
        .post('/requests')
        .set('content-type', 'application/json; charset=latin1')
        .send('{}');
      expectProblem(latin, 415, 'unsupported_media_type');
    });

    it('an unknown route → 404, a known path with another method → 405 with Allow', async () => {
      expectProblem(await h.as('ada').get('/nope'), 404, 'route_not_found');
      expectProblem(await h.as().get('/members/bob/allocation/extra'), 404, 'route_not_found');
      const res = await h.as('ada').post('/overview');
      expectProblem(res, 405, 'method_not_allowed');
      expect(res.headers.allow).toBe('GET, HEAD');
      expect((await h.as('ada').get('/members/bob')).headers.allow).toBe('PATCH, DELETE');
    });

    it('a URL that cannot be decoded → 400', async () => {
      expectProblem(
        await h.as('ada').put('/members/%E0%A4%A/allocation').send({ total: 1 }),
        400,
        'bad_request',
      );
    });
  });

  describe('unexpected errors', () => {
    it('a throwing getActor → 500 without its message, reported to onError, and the server keeps serving', async () => {
      let calls = 0;
      const h = await createHarness(target, {
        getActor: () => {
          calls++;
          if (calls === 1) throw new Error('session store password=hunter2 unreachable');
          return { orgId: 'acme', userId: 'ada' };
        },
      });
      try {
        const res = await h.as().get('/overview');
        const problem = expectProblem(res, 500, 'internal');
        expect(JSON.stringify(problem)).not.toContain('hunter2');
        expect(h.errorsReported).toHaveLength(1);
        expect((await h.as().get('/overview')).status).toBe(200);
      } finally {
        await h.close();
      }
    });

    it('a synchronous getActor works as well as an async one', async () => {
      const h = await createHarness(target, { getActor: () => ({ orgId: 'acme', userId: 'bob' }) });
      try {
        expect((await h.as().get('/me')).body).toMatchObject({ userId: 'bob' });
      } finally {
        await h.close();
      }
    });
  });
}
