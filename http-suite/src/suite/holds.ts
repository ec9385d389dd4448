import { responseSchemas as s } from '@allot/http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem } from './expect-problem';
import { createHarness, type Harness, type SuiteTarget } from './harness';

/**
 * Holds (`GET /holds`; reserve, capture and release with `usageRoutes`), top-ups and member
 * alerts. Admins top up here because the harness passes `adminsManagePool`, as the dashboard
 * does; the default (only the server tops up) is in the entitlements tests.
 */
export function holdTests(target: SuiteTarget): void {
  describe('holds and top-ups', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await createHarness(target, { access: { adminsManagePool: true } });
    });
    afterEach(() => h.close());

    /** `POST /holds` as ada. */
    const reserve = (body: object, key: string) =>
      h.as('ada').post('/holds').set('Idempotency-Key', key).send(body);

    it('GET /holds: active holds by default, admins see all, members only their own', async () => {
      const seeded = s.HoldsPage.parse((await h.as('ada').get('/holds').expect(200)).body);
      expect(seeded).toEqual({
        items: [
          expect.objectContaining({
            id: h.holdId,
            orgId: 'acme',
            userId: 'bob',
            amount: 300,
            status: 'active',
            captured: null,
            description: 'Batch export',
            expiresAt: '2026-11-02T10:00:00.000Z',
            settledAt: null,
          }),
        ],
        nextCursor: null,
      });
      const cyHold = s.HoldResult.parse(
        (await reserve({ userId: 'cy', amount: 50 }, 'cy-1').expect(201)).body,
      ).hold;

      const all = s.HoldsPage.parse((await h.as('ada').get('/holds').expect(200)).body);
      expect(all.items.map((x) => x.id)).toEqual([cyHold.id, h.holdId]);
      const bobs = s.HoldsPage.parse((await h.as('ada').get('/holds?userId=bob').expect(200)).body);
      expect(bobs.items.map((x) => x.id)).toEqual([h.holdId]);
      const own = s.HoldsPage.parse((await h.as('bob').get('/holds?status=all').expect(200)).body);
      expect(own.items.map((x) => x.id)).toEqual([h.holdId]);
      const ownById = s.HoldsPage.parse((await h.as('cy').get('/holds?userId=cy').expect(200)).body);
      expect(ownById.items.map((x) => x.id)).toEqual([cyHold.id]);
      expectProblem(await h.as('cy').get('/holds?userId=bob'), 403, 'forbidden');
    });

    it('GET /holds pages by cursor and filters by status', async () => {
      const cyHold = s.HoldResult.parse(
        (await reserve({ userId: 'cy', amount: 50 }, 'cy-1').expect(201)).body,
      ).hold;
      const first = s.HoldsPage.parse((await h.as('ada').get('/holds?limit=1').expect(200)).body);
      expect(first.items.map((x) => x.id)).toEqual([cyHold.id]);
      expect(first.nextCursor).toEqual(expect.any(String));
      const cursor = encodeURIComponent(first.nextCursor ?? '');
      const second = s.HoldsPage.parse(
        (await h.as('ada').get(`/holds?limit=1&cursor=${cursor}`).expect(200)).body,
      );
      expect(second).toEqual({ items: [expect.objectContaining({ id: h.holdId })], nextCursor: null });

      await h.as('ada').post(`/holds/${cyHold.id}/release`).expect(200);
      const released = s.HoldsPage.parse((await h.as('ada').get('/holds?status=released').expect(200)).body);
      expect(released.items.map((x) => [x.id, x.status])).toEqual([[cyHold.id, 'released']]);
      const active = s.HoldsPage.parse((await h.as('ada').get('/holds').expect(200)).body);
      expect(active.items.map((x) => x.id)).toEqual([h.holdId]);
      const all = s.HoldsPage.parse((await h.as('ada').get('/holds?status=all').expect(200)).body);
      expect(all.items).toHaveLength(2);
    });

    it('POST /holds answers 201 with the hold and the member, and journals a hold entry', async () => {
      const res = await reserve(
        { userId: 'cy', amount: 200, ttlSeconds: 600, description: 'Render', metadata: { job: 'j-7' } },
        'render-1',
      ).expect(201);
      const { hold, member } = s.HoldResult.parse(res.body);
      expect(hold).toMatchObject({
        userId: 'cy',
        amount: 200,
        status: 'active',
        captured: null,
        description: 'Render',
        metadata: { job: 'j-7' },
        createdAt: '2026-11-02T09:00:00.000Z',
        expiresAt: '2026-11-02T09:10:00.000Z',
      });
      expect(member).toMatchObject({ userId: 'cy', allocated: 2000, used: 0, held: 200, remaining: 1800 });
      const ledger = s.LedgerPage.parse((await h.as('ada').get('/ledger?userId=cy&type=hold')).body);
      expect(ledger.items).toEqual([
        expect.objectContaining({ type: 'hold', amount: -200, holdId: hold.id }),
      ]);

      const byDefault = s.HoldResult.parse((await reserve({ userId: 'cy', amount: 1 }, 'render-2')).body);
      expect(byDefault.hold.expiresAt).toBe('2026-11-02T09:15:00.000Z');
      expect(s.Balance.parse((await h.as('cy').get('/me')).body)).toMatchObject({
        held: 201,
        remaining: 1799,
      });
    });

    it('POST /holds/:holdId/capture turns part of the hold into usage and returns the rest', async () => {
      const res = await h
        .as('ada')
        .post(`/holds/${h.holdId}/capture`)
        .set('Idempotency-Key', 'capture-1')
        .send({ amount: 240, description: 'Export done' })
        .expect(200);
      const { hold, usage, member } = s.CaptureResult.parse(res.body);
      expect(hold).toMatchObject({
        id: h.holdId,
        status: 'captured',
        captured: 240,
        settledAt: '2026-11-02T09:00:00.000Z',
      });
      expect(usage).toMatchObject({
        type: 'usage',
        amount: -240,
        holdId: h.holdId,
        description: 'Export done',
        idempotencyKey: 'capture-1',
      });
      expect(member).toMatchObject({ userId: 'bob', used: 1440, held: 0, remaining: 1560 });
    });

    it('POST /holds/:holdId/capture without a body captures the whole hold', async () => {
      const res = await h
        .as('ada')
        .post(`/holds/${h.holdId}/capture`)
        .set('Idempotency-Key', 'capture-all')
        .expect(200);
      const { hold, usage, member } = s.CaptureResult.parse(res.body);
      expect(hold).toMatchObject({ status: 'captured', captured: 300 });
      expect(usage).toMatchObject({ amount: -300, description: 'Batch export' });
      expect(member).toMatchObject({ used: 1500, held: 0, remaining: 1500 });
    });

    it('POST /holds/:holdId/release returns the credits (Idempotency-Key optional)', async () => {
      const res = await h.as('ada').post(`/holds/${h.holdId}/release`).expect(200);
      const { hold, member } = s.HoldResult.parse(res.body);
      expect(hold).toMatchObject({ id: h.holdId, status: 'released', captured: null });
      expect(member).toMatchObject({ userId: 'bob', used: 1200, held: 0, remaining: 1800 });
      const entries = s.LedgerPage.parse((await h.as('ada').get('/ledger?type=hold_released')).body);
      expect(entries.items).toEqual([
        expect.objectContaining({ type: 'hold_released', amount: 300, holdId: h.holdId }),
      ]);
    });

    it('POST /top-ups answers 201 with the entry, the top-ups and the pool', async () => {
      const res = await h
        .as('ada')
        .post('/top-ups')
        .send({ amount: 2000, reason: 'Launch week' })
        .expect(201);
      const { entry, topUps, pool } = s.TopUpResult.parse(res.body);
      expect(entry).toMatchObject({
        type: 'top_up',
        amount: 2000,
        description: 'Launch week',
        actor: 'user:ada',
      });
      expect({ topUps, pool }).toEqual({ topUps: 2000, pool: 12_000 });
      const again = s.TopUpResult.parse(
        (await h.as('ada').post('/top-ups').send({ amount: 500 }).expect(201)).body,
      );
      expect(again).toMatchObject({ topUps: 2500, pool: 12_500 });
      expect(again.entry.description).toBe('Pool topped up by 500');
      const overview = s.Overview.parse((await h.as('ada').get('/overview')).body);
      expect(overview).toMatchObject({ monthlyPool: 10_000, topUps: 2500, pool: 12_500, unallocated: 7500 });
    });

    it('PATCH /settings changes the member alerts', async () => {
      const before = s.Organization.parse((await h.as('ada').get('/settings')).body);
      expect(before.memberAlerts).toEqual({ remainingBelow: null, remainingBelowPercent: 10 });
      const memberAlerts = { remainingBelow: 100, remainingBelowPercent: null };
      const after = s.Organization.parse(
        (await h.as('ada').patch('/settings').send({ memberAlerts }).expect(200)).body,
      );
      expect(after.memberAlerts).toEqual(memberAlerts);
      expect(s.Organization.parse((await h.as('ada').get('/settings')).body).memberAlerts).toEqual(
        memberAlerts,
      );
      const bad = await h
        .as('ada')
        .patch('/settings')
        .send({ memberAlerts: { remainingBelow: -1, remainingBelowPercent: 101 } });
      expect(expectProblem(bad, 400, 'validation').issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'memberAlerts.remainingBelow', in: 'body' }),
          expect.objectContaining({ path: 'memberAlerts.remainingBelowPercent', in: 'body' }),
        ]),
      );
    });

    it('invalid input → 400 naming each field, and nothing is written', async () => {
      const before = await h.journalSize();
      const fields = async (res: Parameters<typeof expectProblem>[0]) =>
        expectProblem(res, 400, 'validation').issues?.map((i) => [i.in, i.path]);

      expect(await fields(await reserve({ userId: ' ', amount: 0, ttlSeconds: 0 }, 'bad-1'))).toEqual(
        expect.arrayContaining([
          ['body', 'userId'],
          ['body', 'amount'],
          ['body', 'ttlSeconds'],
        ]),
      );
      expect(
        await fields(await reserve({ userId: 'bob', amount: 1, ttlSeconds: 31 * 86_400 }, 'bad-2')),
      ).toEqual([['body', 'ttlSeconds']]);
      expect(await fields(await reserve({ userId: 'bob', amount: 1, holdId: 'x' }, 'bad-3'))).toEqual([
        ['body', 'holdId'],
      ]);
      const capture = (body: object) =>
        h.as('ada').post(`/holds/${h.holdId}/capture`).set('Idempotency-Key', 'bad-4').send(body);
      expect(await fields(await capture({ amount: 0 }))).toEqual([['body', 'amount']]);
      // More than the hold: the core's own check, still a 400 naming the field.
      const tooMuch = expectProblem(await capture({ amount: 301 }), 400, 'validation');
      expect(tooMuch.issues).toEqual([expect.objectContaining({ path: 'amount' })]);
      expect(await fields(await h.as('ada').post(`/holds/${h.holdId}/release`).send({ amount: 1 }))).toEqual([
        ['body', 'amount'],
      ]);
      expect(await fields(await h.as('ada').post('/top-ups').send({ amount: 1.5 }))).toEqual([
        ['body', 'amount'],
      ]);
      expect(
        await fields(
          await h
            .as('ada')
            .post('/top-ups')
            .send({ amount: 5, reason: 'x'.repeat(501) }),
        ),
      ).toEqual([['body', 'reason']]);
      expect(await fields(await h.as('ada').get('/holds?status=pending&limit=0'))).toEqual(
        expect.arrayContaining([
          ['query', 'status'],
          ['query', 'limit'],
        ]),
      );
      expectProblem(await h.as('ada').get('/holds?cursor=not-a-cursor'), 400, 'validation');
      expect(await h.journalSize()).toBe(before);
    });

    it('POST /holds and capture require an Idempotency-Key header', async () => {
      const before = await h.journalSize();
      const res = await h.as('ada').post('/holds').send({ userId: 'bob', amount: 1 });
      expect(expectProblem(res, 400, 'validation').issues).toEqual([
        expect.objectContaining({ path: 'Idempotency-Key', in: 'header' }),
      ]);
      const capture = await h.as('ada').post(`/holds/${h.holdId}/capture`).send({ amount: 1 });
      expect(expectProblem(capture, 400, 'validation').issues).toEqual([
        expect.objectContaining({ path: 'Idempotency-Key', in: 'header' }),
      ]);
      expect(await h.journalSize()).toBe(before);
    });

    it('403 for members, 404 for an unknown hold, 409 for more than remaining', async () => {
      expectProblem(
        await h.as('bob').post('/holds').set('Idempotency-Key', 'b').send({ userId: 'bob', amount: 1 }),
        403,
        'forbidden',
      );
      expectProblem(await h.as('bob').post(`/holds/${h.holdId}/release`), 403, 'forbidden');
      expectProblem(await h.as('bob').post('/top-ups').send({ amount: 1 }), 403, 'forbidden');
      const unknown = await h.as('ada').post('/holds/nope/capture').set('Idempotency-Key', 'n');
      expect(expectProblem(unknown, 404, 'not_found')).toMatchObject({ resource: 'hold' });
      const foreign = await h.as('gus').post(`/holds/${h.holdId}/release`);
      expect(expectProblem(foreign, 404, 'not_found')).toMatchObject({ resource: 'hold' });
      const nobody = await reserve({ userId: 'zed', amount: 1 }, 'zed');
      expect(expectProblem(nobody, 404, 'not_found')).toMatchObject({ resource: 'member' });
      expect(
        expectProblem(await reserve({ userId: 'bob', amount: 1501 }, 'big'), 409, 'insufficient_credits'),
      ).toMatchObject({
        requested: 1501,
        available: 1500,
      });
    });

    it('hold_not_active → 409 with the hold status, once released, captured or expired', async () => {
      await h.as('ada').post(`/holds/${h.holdId}/release`).expect(200);
      const twice = expectProblem(
        await h.as('ada').post(`/holds/${h.holdId}/release`),
        409,
        'hold_not_active',
      );
      expect(twice).toMatchObject({ holdStatus: 'released', title: 'Hold is not active' });
      const capture = await h.as('ada').post(`/holds/${h.holdId}/capture`).set('Idempotency-Key', 'late');
      expect(expectProblem(capture, 409, 'hold_not_active')).toMatchObject({ holdStatus: 'released' });

      const { hold } = s.HoldResult.parse(
        (await reserve({ userId: 'cy', amount: 10 }, 'cy-2').expect(201)).body,
      );
      await h.as('ada').post(`/holds/${hold.id}/capture`).set('Idempotency-Key', 'cy-2:capture').expect(200);
      const captured = await h.as('ada').post(`/holds/${hold.id}/release`);
      expect(expectProblem(captured, 409, 'hold_not_active')).toMatchObject({ holdStatus: 'captured' });
    });

    it('a hold past its expiry is expired by the next read, and can no longer be captured', async () => {
      h.clock.set('2026-11-02T10:00:01Z');
      const expired = s.HoldsPage.parse((await h.as('bob').get('/holds?status=expired').expect(200)).body);
      expect(expired.items).toEqual([expect.objectContaining({ id: h.holdId, status: 'expired' })]);
      expect(s.Balance.parse((await h.as('bob').get('/me')).body)).toMatchObject({
        held: 0,
        remaining: 1800,
      });
      const capture = await h.as('ada').post(`/holds/${h.holdId}/capture`).set('Idempotency-Key', 'too-late');
      expect(expectProblem(capture, 409, 'hold_not_active')).toMatchObject({ holdStatus: 'expired' });
    });

    it('the same Idempotency-Key replays the first result and writes nothing more', async () => {
      const before = await h.journalSize();
      const body = { userId: 'cy', amount: 25, description: 'Job' };
      const [r1, r2] = [await reserve(body, 'job-r'), await reserve(body, 'job-r')];
      expect([r1.status, r2.status]).toEqual([201, 201]);
      expect(r2.body).toEqual(r1.body);
      expect(await h.journalSize()).toBe(before + 1);
      expectProblem(await reserve({ ...body, amount: 26 }, 'job-r'), 409, 'idempotency_conflict');

      const capture = () =>
        h
          .as('ada')
          .post(`/holds/${r1.body.hold.id}/capture`)
          .set('Idempotency-Key', 'job-r:capture')
          .send({ amount: 20 });
      const [c1, c2] = [await capture(), await capture()];
      expect([c1.status, c2.status]).toEqual([200, 200]);
      expect(c2.body).toEqual(c1.body);
      expect(await h.journalSize()).toBe(before + 3);

      const release = () => h.as('ada').post(`/holds/${h.holdId}/release`).set('Idempotency-Key', 'rel-1');
      const [l1, l2] = [await release(), await release()];
      expect([l1.status, l2.status]).toEqual([200, 200]);
      expect(l2.body).toEqual(l1.body);
      expect(await h.journalSize()).toBe(before + 4);

      const topUp = () => h.as('ada').post('/top-ups').set('Idempotency-Key', 'top-1').send({ amount: 100 });
      const [t1, t2] = [await topUp(), await topUp()];
      expect([t1.status, t2.status]).toEqual([201, 201]);
      expect(t2.body).toEqual(t1.body);
      expect(await h.journalSize()).toBe(before + 5);
      expect(s.Overview.parse((await h.as('ada').get('/overview')).body).topUps).toBe(100);
    });
  });

  describe('holds without usageRoutes', () => {
    it('GET /holds and POST /top-ups stay; reserving, capturing and releasing do not exist', async () => {
      const h = await createHarness(target, { usageRoutes: false, access: { adminsManagePool: true } });
      try {
        expect(s.HoldsPage.parse((await h.as('ada').get('/holds').expect(200)).body).items).toHaveLength(1);
        await h.as('ada').post('/top-ups').send({ amount: 10 }).expect(201);
        const reserve = await h
          .as('ada')
          .post('/holds')
          .set('Idempotency-Key', 'k')
          .send({ userId: 'bob', amount: 1 });
        expectProblem(reserve, 405, 'method_not_allowed');
        expect(reserve.headers.allow).toBe('GET, HEAD');
        for (const action of ['capture', 'release']) {
          const res = await h.as('ada').post(`/holds/${h.holdId}/${action}`).set('Idempotency-Key', 'k');
          expectProblem(res, 404, 'route_not_found');
        }
        const doc = (await h.as().get('/openapi.json')).body;
        expect(Object.keys(doc.paths['/holds'])).toEqual(['get']);
        expect(doc.paths['/holds/{holdId}/capture']).toBeUndefined();
        expect(doc.paths['/top-ups']).toBeDefined();
      } finally {
        await h.close();
      }
    });
  });
}
