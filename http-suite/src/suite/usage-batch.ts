import { MAX_BATCH_EVENTS } from '@allot/core';
import { responseSchemas as s } from '@allot/http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem } from './expect-problem';
import { createHarness, type Harness, type SuiteTarget } from './harness';

/** `POST /usage/batch` (usageRoutes): many usage events in one call, each with its own key. */
export function usageBatchTests(target: SuiteTarget): void {
  describe('POST /usage/batch', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await createHarness(target);
    });
    afterEach(() => h.close());

    const post = (body: unknown) =>
      h
        .as('ada')
        .post('/usage/batch')
        .send(body as object);

    it('answers 200 with one result per event; a refused event carries its problem, the others are written', async () => {
      const before = await h.journalSize();
      // Bob has 1500 remaining (3000 − 1200 used − 300 held), Cy 2000.
      const res = await post({
        events: [
          {
            userId: 'bob',
            amount: 1000,
            idempotencyKey: 'e-1',
            description: 'Render',
            metadata: { job: 'j-1' },
          },
          { userId: 'bob', amount: 600, idempotencyKey: 'e-2' },
          { userId: 'cy', amount: 50, idempotencyKey: 'e-3' },
          { userId: 'nobody', amount: 1, idempotencyKey: 'e-4' },
        ],
      }).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const { results } = s.ConsumeManyResult.parse(res.body);
      expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
        'ok',
        'insufficient_credits',
        'ok',
        'not_found',
      ]);
      expect(results[0]).toMatchObject({
        ok: true,
        idempotencyKey: 'e-1',
        usage: {
          type: 'usage',
          amount: -1000,
          idempotencyKey: 'e-1',
          description: 'Render',
          metadata: { job: 'j-1' },
        },
        member: { userId: 'bob', used: 2200, remaining: 500 },
      });
      expect(results[1]).toEqual({
        ok: false,
        idempotencyKey: 'e-2',
        error: expect.objectContaining({
          type: 'https://allot.dev/problems/insufficient_credits',
          status: 409,
          code: 'insufficient_credits',
          requested: 600,
          available: 500,
        }),
      });
      expect(results[3]).toMatchObject({ ok: false, error: { status: 404, code: 'not_found' } });
      expect(await h.journalSize()).toBe(before + 2);
    });

    it('sent again it replays each success and writes nothing; keys are shared with POST /usage', async () => {
      const single = await h
        .as('ada')
        .post('/usage')
        .set('Idempotency-Key', 'job-7')
        .send({ userId: 'cy', amount: 7 })
        .expect(201);
      const body = {
        events: [
          { userId: 'cy', amount: 7, idempotencyKey: 'job-7' },
          { userId: 'bob', amount: 3, idempotencyKey: 'job-8' },
        ],
      };
      const first = s.ConsumeManyResult.parse((await post(body).expect(200)).body);
      expect(first.results[0]).toEqual({ ok: true, idempotencyKey: 'job-7', ...single.body });
      const size = await h.journalSize();
      const again = await post(body).expect(200);
      expect(again.body).toEqual(first);
      expect(await h.journalSize()).toBe(size);
      const conflict = await post({ events: [{ userId: 'cy', amount: 8, idempotencyKey: 'job-7' }] }).expect(
        200,
      );
      expect(s.ConsumeManyResult.parse(conflict.body).results).toEqual([
        {
          ok: false,
          idempotencyKey: 'job-7',
          error: expect.objectContaining({ code: 'idempotency_conflict', status: 409 }),
        },
      ]);
    });

    it('a bad event, a key twice or too many events is a 400 naming events.<index>, and nothing is written', async () => {
      const before = await h.journalSize();
      const bad = expectProblem(
        await post({
          events: [
            { userId: 'bob', amount: 1, idempotencyKey: 'v-1' },
            { userId: 'bob', amount: -1, idempotencyKey: 'v-2' },
            { userId: 'bob', amount: 1, idempotencyKey: 'v-3', cost: 2 },
          ],
        }),
        400,
        'validation',
      );
      expect(bad.issues?.map((i) => [i.path, i.in])).toEqual([
        ['events.1.amount', 'body'],
        ['events.2.cost', 'body'],
      ]);
      const twice = expectProblem(
        await post({
          events: [
            { userId: 'bob', amount: 1, idempotencyKey: 'v-1' },
            { userId: 'cy', amount: 1, idempotencyKey: 'v-1' },
          ],
        }),
        400,
        'validation',
      );
      expect(twice.issues?.map((i) => i.path)).toEqual(['events.1.idempotencyKey']);
      const many = Array.from({ length: MAX_BATCH_EVENTS + 1 }, (_, i) => ({
        userId: 'bob',
        amount: 1,
        idempotencyKey: `m-${i}`,
      }));
      const tooMany = expectProblem(await post({ events: many }), 400, 'validation');
      expect(tooMany.issues?.map((i) => i.path)).toEqual(['events']);
      expectProblem(await post({}), 400, 'validation');
      expect(await h.journalSize()).toBe(before);
    });

    it('is listed in the OpenAPI document with the per-event keys in the body and no key header', async () => {
      const doc = (await h.as().get('/openapi.json').expect(200)).body;
      const operation = doc.paths['/usage/batch']?.post;
      expect(operation).toMatchObject({
        operationId: 'recordUsageBatch',
        responses: {
          '200': {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ConsumeManyResult' } } },
          },
        },
      });
      expect(operation.description).toContain('idempotencyKey');
      expect(operation.parameters.map((p: { name: string }) => p.name)).not.toContain('Idempotency-Key');
      const events = operation.requestBody.content['application/json'].schema.properties.events;
      expect(events).toMatchObject({ type: 'array', maxItems: MAX_BATCH_EVENTS });
      expect(events.items.required).toEqual(expect.arrayContaining(['userId', 'amount', 'idempotencyKey']));
    });
  });
}
