import { responseSchemas as s } from '@allot/http';
import { afterEach, describe, expect, it } from 'vitest';
import { expectProblem } from './expect-problem';
import { createHarness, type Harness, type HarnessAccess, type SuiteTarget } from './harness';

/**
 * Who may change the pool, claim domains and approve, over HTTP: an org admin's `PATCH /settings`
 * of the monthly pool or domains and `POST /top-ups` are 403 problems by default; with
 * `adminsManagePool` the pool routes work; with `forbidSelfApproval` approving one's own request
 * is 403.
 */
export function entitlementTests(target: SuiteTarget): void {
  describe('entitlements', () => {
    let h: Harness;
    const open = async (access?: HarnessAccess) => {
      h = await createHarness(target, access ? { access } : {});
      return h;
    };
    afterEach(() => h.close());

    it('by default an admin’s PATCH /settings of the monthly pool is a 403 problem that writes nothing', async () => {
      await open();
      const before = await h.journalSize();
      const res = await h.as('ada').patch('/settings').send({ monthlyPool: 50_000, name: 'Acme Inc' });
      const problem = expectProblem(res, 403, 'forbidden');
      expect(problem.detail).toMatch(/system actor/);
      expect(problem.detail).toContain('adminsManagePool');
      expect(await h.journalSize()).toBe(before);
      const settings = s.Organization.parse((await h.as('ada').get('/settings').expect(200)).body);
      expect(settings).toMatchObject({ monthlyPool: 10_000, name: 'Acme Corp' });
    });

    it('by default an admin’s POST /top-ups is a 403 problem that writes nothing', async () => {
      await open();
      const before = await h.journalSize();
      const res = await h.as('ada').post('/top-ups').send({ amount: 2000, reason: 'Launch week' });
      expect(expectProblem(res, 403, 'forbidden').detail).toMatch(/system actor/);
      expect(await h.journalSize()).toBe(before);
      expect(s.Overview.parse((await h.as('ada').get('/overview')).body)).toMatchObject({ topUps: 0 });
    });

    it('an admin still PATCHes the other settings, and may resend the unchanged monthly pool', async () => {
      await open();
      const patch = { monthlyPool: 10_000, thresholds: { yellow: 60, red: 80 }, defaultAllocation: 5 };
      const after = s.Organization.parse((await h.as('ada').patch('/settings').send(patch).expect(200)).body);
      expect(after).toMatchObject(patch);
    });

    it.each([
      ['by default', undefined],
      ['with adminsManagePool', { adminsManagePool: true }],
    ] as const)(
      '%s an admin’s PATCH /settings of domains is 403, public providers included',
      async (_l, access) => {
        await open(access);
        const before = await h.journalSize();
        for (const domains of [['acme.com', 'acme.io'], ['gmail.com'], []]) {
          const res = await h.as('ada').patch('/settings').send({ domains });
          expect(expectProblem(res, 403, 'forbidden').detail).toMatch(/may claim email domains/);
        }
        expect(await h.journalSize()).toBe(before);
        expect(s.Organization.parse((await h.as('ada').get('/settings')).body).domains).toEqual(['acme.com']);
      },
    );

    it('with adminsManagePool an admin changes the monthly pool and tops up', async () => {
      await open({ adminsManagePool: true });
      const settings = await h.as('ada').patch('/settings').send({ monthlyPool: 20_000 }).expect(200);
      expect(s.Organization.parse(settings.body).monthlyPool).toBe(20_000);
      const res = await h.as('ada').post('/top-ups').send({ amount: 500 }).expect(201);
      expect(s.TopUpResult.parse(res.body)).toMatchObject({
        topUps: 500,
        pool: 20_500,
        entry: { type: 'top_up', actor: 'user:ada' },
      });
      expectProblem(await h.as('bob').post('/top-ups').send({ amount: 1 }), 403, 'forbidden');
    });

    it('with forbidSelfApproval an admin’s approval of their own request is 403; another admin’s works', async () => {
      await open({ forbidSelfApproval: true });
      const own = s.CreditRequest.parse(
        (await h.as('ada').post('/requests').send({ amount: 100 }).expect(201)).body,
      );
      const before = await h.journalSize();
      const refused = await h.as('ada').post(`/requests/${own.id}/approve`).send({});
      expect(expectProblem(refused, 403, 'forbidden').detail).toMatch(/your own credit request/);
      expect(await h.journalSize()).toBe(before);
      await h.as('ada').patch('/members/cy').send({ role: 'admin' }).expect(200);
      const approved = await h.as('cy').post(`/requests/${own.id}/approve`).send({}).expect(200);
      expect(s.ApprovalResult.parse(approved.body).request).toMatchObject({ status: 'approved' });
      await h.as('ada').post(`/requests/${h.requestId}/approve`).send({}).expect(200);
    });
  });
}
