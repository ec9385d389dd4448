import { CSV_COLUMNS } from '@allot/core';
import { responseSchemas as s } from '@allot/http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MOUNT } from '../adapters';
import { expectProblem } from './expect-problem';
import { createHarness, type Harness, type SuiteTarget } from './harness';

/** Every route's happy path, each response checked against the core schema the OpenAPI document names. */
export function happyPathTests(target: SuiteTarget): void {
  describe('happy paths', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await createHarness(target);
    });
    afterEach(() => h.close());

    it('GET /overview', async () => {
      const res = await h
        .as('ada')
        .get('/overview')
        .expect(200)
        .expect('content-type', /application\/json/);
      const overview = s.Overview.parse(res.body);
      expect(overview).toMatchObject({ orgId: 'acme', monthlyPool: 10_000, allocated: 5000, used: 1200 });
      expect(overview).toMatchObject({ topUps: 0, pool: 10_000, held: 300 });
      expect(overview).toMatchObject({
        unallocated: 5000,
        memberCount: 3,
        pendingRequests: 1,
        health: 'green',
      });
      expect(overview.period).toEqual({ start: '2026-11-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' });
    });

    it('GET /members with search and paging (numbers from the query string)', async () => {
      const res = await h.as('ada').get('/members?search=bo&limit=1&offset=0').expect(200);
      const page = s.MembersPage.parse(res.body);
      expect(page).toMatchObject({ total: 1, limit: 1, offset: 0 });
      expect(page.items[0]).toMatchObject({
        userId: 'bob',
        allocated: 3000,
        used: 1200,
        held: 300,
        remaining: 1500,
      });
      const second = s.MembersPage.parse(
        (await h.as('ada').get('/members?limit=2&offset=1').expect(200)).body,
      );
      expect(second.items.map((m) => m.userId)).toEqual(['bob', 'cy']);
      expect(second.total).toBe(3);
    });

    it('PUT /members/:userId/allocation', async () => {
      const res = await h.as('ada').put('/members/cy/allocation').send({ total: 2500 }).expect(200);
      const { member, entry } = s.AllocationResult.parse(res.body);
      expect(member).toMatchObject({ userId: 'cy', allocated: 2500, remaining: 2500 });
      expect(entry).toMatchObject({ type: 'allocation', amount: 500, balanceAfter: 2500, actor: 'user:ada' });
    });

    it('POST /members/:userId/revocations', async () => {
      const res = await h.as('ada').post('/members/bob/revocations').send({ amount: 300 }).expect(200);
      const { member, entry } = s.AllocationResult.parse(res.body);
      expect(member).toMatchObject({ allocated: 2700, held: 300, remaining: 1200 });
      expect(entry).toMatchObject({ type: 'revocation', amount: -300 });
    });

    it('PATCH /members/:userId changes the role', async () => {
      const res = await h.as('ada').patch('/members/cy').send({ role: 'admin' }).expect(200);
      expect(s.MemberResult.parse(res.body).member).toMatchObject({ userId: 'cy', role: 'admin' });
      await h.as('cy').get('/overview').expect(200);
    });

    it('DELETE /members/:userId removes the member and returns the credits to the pool', async () => {
      const res = await h.as('ada').delete('/members/cy').expect(200);
      expect(s.MemberResult.parse(res.body).member).toMatchObject({ userId: 'cy', status: 'removed' });
      const page = s.MembersPage.parse((await h.as('ada').get('/members').expect(200)).body);
      expect(page.items.map((m) => m.userId)).toEqual(['ada', 'bob']);
      expect(s.Overview.parse((await h.as('ada').get('/overview')).body).allocated).toBe(3000);
    });

    it('GET and PATCH /settings', async () => {
      const before = s.Organization.parse((await h.as('ada').get('/settings').expect(200)).body);
      expect(before).toMatchObject({
        id: 'acme',
        name: 'Acme Corp',
        domains: ['acme.com'],
        monthlyPool: 10_000,
      });
      // The monthly pool and domains are the host's (see the entitlements tests).
      const patch = {
        name: 'Acme Inc',
        periodAnchorDay: 15,
        thresholds: { yellow: 60, red: 80 },
        rolloverPolicy: 'reset',
        defaultAllocation: 100,
      };
      const after = s.Organization.parse((await h.as('ada').patch('/settings').send(patch).expect(200)).body);
      expect(after).toMatchObject(patch);
      expect(s.Organization.parse((await h.as('ada').get('/settings')).body)).toEqual(after);
    });

    it('GET /requests: admins see all, members their own, with status filter and cursor paging', async () => {
      await h.as('cy').post('/requests').send({ amount: 70 }).expect(201);
      const all = s.RequestsPage.parse((await h.as('ada').get('/requests?status=all').expect(200)).body);
      expect(all.items.map((r) => r.userId)).toEqual(['cy', 'bob']);
      const own = s.RequestsPage.parse((await h.as('bob').get('/requests').expect(200)).body);
      expect(own.items.map((r) => r.id)).toEqual([h.requestId]);
      const first = s.RequestsPage.parse(
        (await h.as('ada').get('/requests?status=pending&limit=1').expect(200)).body,
      );
      expect(first.items).toHaveLength(1);
      expect(first.nextCursor).toEqual(expect.any(String));
      const cursor = encodeURIComponent(first.nextCursor ?? '');
      const next = s.RequestsPage.parse(
        (await h.as('ada').get(`/requests?limit=1&cursor=${cursor}`).expect(200)).body,
      );
      expect(next.items[0]?.id).toBe(h.requestId);
      expect(next.nextCursor).toBeNull();
      const none = s.RequestsPage.parse(
        (await h.as('ada').get('/requests?status=approved').expect(200)).body,
      );
      expect(none.items).toEqual([]);
    });

    it('POST /requests answers 201 with the pending request', async () => {
      const res = await h
        .as('cy')
        .post('/requests')
        .send({ amount: 200, message: '  Launch week ' })
        .expect(201);
      const request = s.CreditRequest.parse(res.body);
      expect(request).toMatchObject({ userId: 'cy', amount: 200, message: 'Launch week', status: 'pending' });
    });

    it('POST /requests/:id/approve (for less than asked)', async () => {
      const res = await h
        .as('ada')
        .post(`/requests/${h.requestId}/approve`)
        .send({ amount: 400 })
        .expect(200);
      const { request, member, entry } = s.ApprovalResult.parse(res.body);
      expect(request).toMatchObject({ status: 'approved', grantedAmount: 400, decidedBy: 'user:ada' });
      expect(member).toMatchObject({ userId: 'bob', allocated: 3400 });
      expect(entry).toMatchObject({ type: 'allocation', amount: 400, requestId: h.requestId });
    });

    it('POST /requests/:id/approve with no body grants the amount asked', async () => {
      const res = await h.as('ada').post(`/requests/${h.requestId}/approve`).expect(200);
      expect(s.ApprovalResult.parse(res.body).request.grantedAmount).toBe(500);
    });

    it('POST /requests/:id/reject', async () => {
      const res = await h
        .as('ada')
        .post(`/requests/${h.requestId}/reject`)
        .send({ reason: 'Too much' })
        .expect(200);
      expect(s.CreditRequest.parse(res.body)).toMatchObject({ status: 'rejected', reason: 'Too much' });
    });

    it('POST /requests/:id/cancel by the requester', async () => {
      const res = await h.as('bob').post(`/requests/${h.requestId}/cancel`).expect(200);
      expect(s.CreditRequest.parse(res.body)).toMatchObject({ status: 'cancelled' });
    });

    it('GET /ledger filters by user and type (comma-separated or repeated) and pages by cursor', async () => {
      const usage = s.LedgerPage.parse(
        (await h.as('ada').get('/ledger?userId=bob&type=usage').expect(200)).body,
      );
      expect(usage.items.map((e) => [e.userId, e.type, e.amount])).toEqual([['bob', 'usage', -1200]]);
      const comma = s.LedgerPage.parse(
        (await h.as('ada').get('/ledger?userId=bob&type=usage,allocation')).body,
      );
      const repeated = s.LedgerPage.parse(
        (await h.as('ada').get('/ledger?userId=bob&type=usage&type=allocation')).body,
      );
      expect(comma.items.map((e) => e.type).sort()).toEqual(['allocation', 'usage']);
      expect(repeated.items).toEqual(comma.items);
      const all = s.LedgerPage.parse((await h.as('ada').get('/ledger?limit=500')).body);
      const first = s.LedgerPage.parse((await h.as('ada').get('/ledger?limit=2')).body);
      const cursor = encodeURIComponent(first.nextCursor ?? '');
      const second = s.LedgerPage.parse((await h.as('ada').get(`/ledger?limit=2&cursor=${cursor}`)).body);
      expect([...first.items, ...second.items]).toEqual(all.items.slice(0, 4));
      const dated = s.LedgerPage.parse((await h.as('ada').get('/ledger?from=2026-12-01')).body);
      expect(dated.items).toEqual([]);
    });

    it('GET /ledger/summary', async () => {
      const res = await h.as('ada').get('/ledger/summary?userId=bob').expect(200);
      expect(s.Summary.parse(res.body)).toEqual({ usage: 1200, allocated: 3000, revoked: 0, refunded: 0 });
      const org = s.Summary.parse(
        (await h.as('ada').get('/ledger/summary?from=2026-11-01&to=2026-12-01')).body,
      );
      expect(org).toEqual({ usage: 1200, allocated: 5000, revoked: 0, refunded: 0 });
    });

    it('GET /ledger.csv', async () => {
      const res = await h
        .as('ada')
        .get('/ledger.csv?userId=bob')
        .expect(200)
        .expect('content-type', 'text/csv; charset=utf-8');
      expect(res.text.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    });

    it('GET /me', async () => {
      const res = await h.as('bob').get('/me').expect(200);
      expect(s.Balance.parse(res.body)).toMatchObject({
        orgId: 'acme',
        userId: 'bob',
        allocated: 3000,
        used: 1200,
        held: 300,
        remaining: 1500,
      });
    });

    it("GET /me/ledger lists only the caller's entries", async () => {
      const mine = s.LedgerPage.parse((await h.as('bob').get('/me/ledger').expect(200)).body);
      expect(mine.items.length).toBeGreaterThan(1);
      expect(new Set(mine.items.map((e) => e.userId))).toEqual(new Set(['bob']));
      const usage = s.LedgerPage.parse((await h.as('bob').get('/me/ledger?type=usage&limit=1')).body);
      expect(usage.items.map((e) => e.amount)).toEqual([-1200]);
      const admin = s.LedgerPage.parse((await h.as('ada').get('/me/ledger')).body);
      expect(new Set(admin.items.map((e) => e.userId))).toEqual(new Set(['ada']));
    });

    it('a __proto__ key nested in metadata is a 400 naming it, and nothing is written', async () => {
      const before = await h.journalSize();
      const res = await h
        .as('ada')
        .post('/usage')
        .set('Idempotency-Key', 'job-proto')
        .set('content-type', 'application/json')
        .send('{"userId":"cy","amount":1,"metadata":{"model":"x1","__proto__":{"admin":true}}}');
      const problem = expectProblem(res, 400, 'validation');
      expect(problem.issues).toEqual([expect.objectContaining({ path: 'metadata.__proto__', in: 'body' })]);
      expect(await h.journalSize()).toBe(before);
    });

    it('GET /openapi.json is public and names the mount path', async () => {
      const res = await h.as().get('/openapi.json').expect(200);
      expect(res.body).toMatchObject({ openapi: '3.1.0', servers: [{ url: MOUNT }] });
    });

    it('POST /usage answers 201 (usageRoutes)', async () => {
      const res = await h
        .as('ada')
        .post('/usage')
        .set('Idempotency-Key', 'job-2')
        .send({ userId: 'cy', amount: 100, description: 'Report', metadata: { model: 'x1', tokens: 42 } })
        .expect(201);
      const { usage, member } = s.ConsumeResult.parse(res.body);
      expect(usage).toMatchObject({
        type: 'usage',
        amount: -100,
        idempotencyKey: 'job-2',
        metadata: { model: 'x1', tokens: 42 },
      });
      expect(member).toMatchObject({ userId: 'cy', used: 100, remaining: 1900 });
    });

    it('POST /refunds answers 201 (usageRoutes)', async () => {
      const res = await h
        .as('ada')
        .post('/refunds')
        .set('Idempotency-Key', 'refund-1')
        .send({ usageId: h.usageId, amount: 200 })
        .expect(201);
      const { refund, member } = s.RefundResult.parse(res.body);
      expect(refund).toMatchObject({ type: 'refund', amount: 200, usageId: h.usageId });
      expect(member).toMatchObject({ userId: 'bob', used: 1000, remaining: 1700 });
    });

    it('HEAD on a GET route answers without a body', async () => {
      const res = await h.as('ada').head('/overview').expect(200);
      expect(res.text).toBeUndefined();
    });
  });

  describe('without usageRoutes', () => {
    it('POST /usage, POST /usage/batch and POST /refunds do not exist', async () => {
      const h = await createHarness(target, { usageRoutes: false });
      try {
        const res = await h
          .as('ada')
          .post('/usage')
          .set('Idempotency-Key', 'k')
          .send({ userId: 'bob', amount: 1 });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('route_not_found');
        expect((await h.as('ada').post('/refunds').send({ usageId: h.usageId })).status).toBe(404);
        const batch = { events: [{ userId: 'bob', amount: 1, idempotencyKey: 'k' }] };
        expect((await h.as('ada').post('/usage/batch').send(batch)).status).toBe(404);
        const doc = (await h.as().get('/openapi.json')).body;
        expect(doc.paths['/usage']).toBeUndefined();
        expect(doc.paths['/usage/batch']).toBeUndefined();
      } finally {
        await h.close();
      }
    });
  });
}
