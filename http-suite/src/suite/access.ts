import { allotRoutes } from '@allot/http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem } from './expect-problem';
import { AUTH_HEADER, createHarness, type Harness, type SuiteTarget } from './harness';
import { samples, send } from './samples';

/** What only acme knows; none of it may ever reach a globex caller. */
const ACME_SECRETS = [
  'acme.com',
  'Acme Corp',
  '"orgId":"acme"',
  'Video render',
  'Batch export',
  'Launch',
  'bob@',
];

/** 401, 403 and tenant isolation, on every route. */
export function accessTests(target: SuiteTarget): void {
  describe('access', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await createHarness(target);
    });
    afterEach(() => h.close());

    it('the samples cover every route of the route table', () => {
      const table = allotRoutes({ usageRoutes: true }).map((r) => `${r.method} ${r.path}`);
      expect(samples.map((s) => `${s.method} ${s.template}`).sort()).toEqual(table.sort());
    });

    for (const sample of samples) {
      it(`401 without a caller: ${sample.method.toUpperCase()} ${sample.template}`, async () => {
        const before = await h.journalSize();
        expectProblem(await send(h, sample), 401, 'unauthorized');
        const malformed = h.as()[sample.method](sample.path(h)).set(AUTH_HEADER, 'nobody');
        expectProblem(await malformed, 401, 'unauthorized');
        expect(await h.journalSize()).toBe(before);
      });
    }

    for (const sample of samples.filter((s) => s.admin)) {
      it(`403 for a member on an admin route: ${sample.method.toUpperCase()} ${sample.template}`, async () => {
        const before = await h.journalSize();
        expectProblem(await send(h, sample, 'bob'), 403, 'forbidden');
        expect(await h.journalSize()).toBe(before);
      });
    }

    for (const sample of samples) {
      it(`403 for someone who is not a member: ${sample.method.toUpperCase()} ${sample.template}`, async () => {
        const test = h.as()[sample.method](sample.path(h)).set(AUTH_HEADER, 'acme:mallory');
        if (sample.key) test.set('Idempotency-Key', 'k-mallory');
        expectProblem(await (sample.body ? test.send(sample.body(h)) : test), 403, 'forbidden');
      });
    }

    it('403 when a member reaches for another member’s data', async () => {
      expectProblem(await h.as('bob').get('/ledger?userId=cy'), 403, 'forbidden');
      expectProblem(await h.as('bob').get('/ledger/summary?userId=cy'), 403, 'forbidden');
      expectProblem(await h.as('bob').get('/ledger.csv?userId=cy'), 403, 'forbidden');
      expectProblem(await h.as('bob').get('/requests?userId=cy'), 403, 'forbidden');
      expectProblem(await h.as('bob').get('/holds?userId=cy'), 403, 'forbidden');
      expectProblem(await h.as('cy').post(`/requests/${h.requestId}/cancel`), 403, 'forbidden');
    });

    it('404 for ids that do not exist', async () => {
      expectProblem(await h.as('ada').put('/members/nobody/allocation').send({ total: 1 }), 404, 'not_found');
      expectProblem(await h.as('ada').post('/requests/nope/approve'), 404, 'not_found');
      expectProblem(
        await h.as('ada').post('/refunds').set('Idempotency-Key', 'r').send({ usageId: 'nope' }),
        404,
        'not_found',
      );
      for (const action of ['capture', 'release']) {
        const res = await h.as('ada').post(`/holds/nope/${action}`).set('Idempotency-Key', `h-${action}`);
        expect(expectProblem(res, 404, 'not_found')).toMatchObject({ resource: 'hold' });
      }
    });

    for (const sample of samples) {
      it(`tenant isolation: a globex admin gets nothing of acme from ${sample.method.toUpperCase()} ${sample.template}`, async () => {
        const acmeBefore = await acmeState(h);
        const res = await send(h, sample, 'gus');
        const text = res.text ?? JSON.stringify(res.body);
        for (const secret of ACME_SECRETS) expect(text).not.toContain(secret);
        // A 404 may echo an id the caller sent itself; any other acme id must not appear.
        const sent = sample.path(h) + JSON.stringify(sample.body?.(h) ?? {});
        for (const id of [h.usageId, h.holdId, h.requestId])
          if (!sent.includes(id)) expect(text).not.toContain(id);
        if (res.status < 300 && res.headers['content-type']?.startsWith('application/json')) {
          expect(JSON.stringify(res.body)).not.toMatch(/"orgId":"(?!globex")/);
        } else if (res.status >= 400) {
          expect([403, 404]).toContain(res.status);
        }
        expect(await acmeState(h)).toEqual(acmeBefore);
      });
    }

    it('tenant isolation: an actor claiming another org is not a member there', async () => {
      for (const sample of samples) {
        const test = h.as()[sample.method](sample.path(h)).set(AUTH_HEADER, 'acme:gus');
        if (sample.key) test.set('Idempotency-Key', 'k-gus');
        expectProblem(await (sample.body ? test.send(sample.body(h)) : test), 403, 'forbidden');
      }
    });
  });
}

/** Everything of acme a request could change. */
async function acmeState(h: Harness) {
  const journal = [];
  for await (const entry of h.store.streamJournal({ orgId: 'acme', filter: {} })) journal.push(entry.id);
  return {
    journal,
    org: await h.store.getOrganization({ orgId: 'acme' }),
    bob: await h.store.getMember({ orgId: 'acme', userId: 'bob' }),
    cy: await h.store.getMember({ orgId: 'acme', userId: 'cy' }),
    request: await h.store.getRequest({ orgId: 'acme', requestId: h.requestId }),
    hold: await h.store.getHold({ orgId: 'acme', holdId: h.holdId }),
  };
}
