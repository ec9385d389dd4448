import type { AllotEventOf } from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import type { EventLog } from '../harness/events';
import { randomId } from '../harness/random';
import { ok, settle } from '../harness/results';

type AlertEvent = AllotEventOf<'alert.triggered'> | AllotEventOf<'alert.recovered'>;

/**
 * Delivers what is due, then returns the alert events of `scope` delivered so far as
 * `type scope threshold` strings, oldest first.
 */
async function alertsOf(log: EventLog, scope: 'member' | 'pool'): Promise<string[]> {
  await log.flush();
  return log.all
    .filter((e): e is AlertEvent => e.type === 'alert.triggered' || e.type === 'alert.recovered')
    .filter((e) => e.alert.scope === scope)
    .map((e) => `${e.type} ${e.alert.scope} ${e.alert.threshold}`);
}

/** Low-credit alerts per member and usage alerts on the pool, once per period each. */
export function alertsSuite(kit: SuiteContext): void {
  describe('alerts', () => {
    describe('member alerts', () => {
      it('fire once when remaining drops below the threshold (10 % by default), with the figures', async () => {
        const fx = await kit.org();
        const m = await fx.member({ allocation: 100 });
        const log = fx.record();
        await fx.consume(m.userId, 85);
        expect(await alertsOf(log, 'member')).toEqual([]);
        const usage = await ok(
          fx.allot.consume({
            actor: fx.system,
            orgId: fx.orgId,
            userId: m.userId,
            amount: 6,
            idempotencyKey: randomId(),
          }),
        );
        expect(usage.member.alerts).toEqual(['remaining_below_percent']);
        await fx.consume(m.userId, 1);
        await fx.consume(m.userId, 8);
        expect(await alertsOf(log, 'member')).toEqual(['alert.triggered member remaining_below_percent']);
        const [event] = log.of('alert.triggered');
        expect(event).toMatchObject({
          orgId: fx.orgId,
          at: '2026-03-10T12:00:00.000Z',
          alert: {
            scope: 'member',
            userId: m.userId,
            threshold: 'remaining_below_percent',
            limit: 10,
            remaining: 9,
            allocated: 100,
          },
        });
        const members = await ok(fx.allot.members({ actor: fx.admin, orgId: fx.orgId }));
        expect(members.items.find((x) => x.userId === m.userId)?.alerts).toEqual(['remaining_below_percent']);
      });

      it('recover when an assignment lifts remaining, and do not fire again in the same period', async () => {
        const fx = await kit.org();
        const m = await fx.member({ allocation: 100 });
        const log = fx.record();
        await fx.consume(m.userId, 95);
        const raised = await ok(
          fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 200 }),
        );
        expect(raised.member.alerts).toEqual([]);
        expect(await alertsOf(log, 'member')).toEqual([
          'alert.triggered member remaining_below_percent',
          'alert.recovered member remaining_below_percent',
        ]);
        expect(log.of('alert.recovered')[0]?.alert).toMatchObject({ remaining: 105, allocated: 200 });
        await fx.consume(m.userId, 100);
        expect((await fx.memberState(m.userId)).remaining).toBe(5);
        expect(await alertsOf(log, 'member')).toHaveLength(2);
        expect((await ok(fx.allot.balance({ actor: m.actor, orgId: fx.orgId }))).remaining).toBe(5);
        const members = await ok(fx.allot.members({ actor: fx.admin, orgId: fx.orgId }));
        expect(members.items.find((x) => x.userId === m.userId)?.alerts).toEqual([]);
      });

      it('fire again in the next period', async () => {
        const fx = await kit.org({ rolloverPolicy: 'carry' });
        const m = await fx.member({ allocation: 100 });
        const log = fx.record();
        await fx.consume(m.userId, 95);
        fx.clock.set('2026-04-02T00:00:00.000Z');
        await fx.consume(m.userId, 50);
        expect(await alertsOf(log, 'member')).toEqual(['alert.triggered member remaining_below_percent']);
        await fx.consume(m.userId, 45);
        expect(await alertsOf(log, 'member')).toEqual([
          'alert.triggered member remaining_below_percent',
          'alert.triggered member remaining_below_percent',
        ]);
        expect(log.of('alert.triggered')[1]?.at).toBe('2026-04-02T00:00:00.000Z');
      });

      it('end with the membership: a member removed while alerted and enrolled again is alerted afresh', async () => {
        const fx = await kit.org();
        const m = await fx.member({ allocation: 100 });
        const log = fx.record();
        await fx.reserve(m.userId, 95); // removal releases it: nothing used, nothing left allocated
        await ok(fx.allot.removeMember({ actor: fx.admin, orgId: fx.orgId, userId: m.userId }));
        fx.clock.set('2026-04-02T00:00:00.000Z');
        await ok(fx.allot.enroll({ actor: fx.system, userId: m.userId, email: m.email, name: m.name }));
        await ok(fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 100 }));
        await fx.consume(m.userId, 95);
        expect(await alertsOf(log, 'member')).toEqual([
          'alert.triggered member remaining_below_percent',
          'alert.triggered member remaining_below_percent',
        ]);
      });

      it('a credits threshold set in the settings fires when remaining drops below it', async () => {
        // A member who joins with nothing allocated has not dropped below anything: the alert
        // must not fire at enrolment and "recover" at the first assignment, which would use up
        // its one firing of the period before the member ever runs low.
        const fx = await kit.org();
        const settings = await ok(
          fx.allot.updateSettings({
            actor: fx.admin,
            orgId: fx.orgId,
            memberAlerts: { remainingBelow: 50, remainingBelowPercent: null },
          }),
        );
        expect(settings.memberAlerts).toEqual({ remainingBelow: 50, remainingBelowPercent: null });
        const m = await fx.member({ allocation: 1000 });
        const log = fx.record();
        await fx.consume(m.userId, 950);
        expect(await alertsOf(log, 'member')).toEqual([]);
        await fx.consume(m.userId, 1);
        expect(await alertsOf(log, 'member')).toEqual(['alert.triggered member remaining_below']);
        expect(log.of('alert.triggered').find((e) => e.alert.scope === 'member')?.alert).toMatchObject({
          scope: 'member',
          threshold: 'remaining_below',
          limit: 50,
          remaining: 49,
          allocated: 1000,
        });
        expect((await fx.store.getMember({ orgId: fx.orgId, userId: m.userId }))?.alerts).toEqual({
          remaining_below: 'active',
        });
      });

      it('held credits count: a reserve can trigger and its release recovers', async () => {
        const fx = await kit.org();
        const m = await fx.member({ allocation: 100 });
        const log = fx.record();
        const hold = await fx.reserve(m.userId, 95);
        const released = await ok(fx.allot.release({ actor: fx.system, orgId: fx.orgId, holdId: hold.id }));
        expect(released.member.alerts).toEqual([]);
        expect(await alertsOf(log, 'member')).toEqual([
          'alert.triggered member remaining_below_percent',
          'alert.recovered member remaining_below_percent',
        ]);
      });

      it('many concurrent consumes crossing the threshold trigger it exactly once', async () => {
        const fx = await kit.org();
        const m = await fx.member({ allocation: 100 });
        const log = fx.record();
        const results = await Promise.all(
          Array.from({ length: 40 }, () =>
            settle(
              fx.allot.consume({
                actor: fx.system,
                orgId: fx.orgId,
                userId: m.userId,
                amount: 3,
                idempotencyKey: randomId(),
              }),
            ),
          ),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(33);
        expect(await alertsOf(log, 'member')).toEqual(['alert.triggered member remaining_below_percent']);
      });
    });

    describe('pool alerts', () => {
      it('yellow and red fire once each as usage crosses the organization’s lines', async () => {
        const fx = await kit.org({ monthlyPool: 1000 });
        const m = await fx.member({ allocation: 1000 });
        await ok(
          fx.allot.updateSettings({
            actor: fx.admin,
            orgId: fx.orgId,
            memberAlerts: { remainingBelow: null, remainingBelowPercent: null },
          }),
        );
        const log = fx.record();
        await fx.consume(m.userId, 699);
        expect(await alertsOf(log, 'pool')).toEqual([]);
        await fx.consume(m.userId, 1);
        expect(await alertsOf(log, 'pool')).toEqual(['alert.triggered pool yellow']);
        expect(log.of('alert.triggered')[0]).toMatchObject({
          orgId: fx.orgId,
          alert: { scope: 'pool', threshold: 'yellow', limit: 70, usagePercent: 70, used: 700, pool: 1000 },
        });
        expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).alerts).toEqual([
          'yellow',
        ]);
        await fx.consume(m.userId, 100);
        expect(await alertsOf(log, 'pool')).toEqual(['alert.triggered pool yellow']);
        await fx.consume(m.userId, 150);
        await fx.consume(m.userId, 10);
        expect(await alertsOf(log, 'pool')).toEqual([
          'alert.triggered pool yellow',
          'alert.triggered pool red',
        ]);
        expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).alerts).toEqual([
          'red',
          'yellow',
        ]);
      });

      it('a refund below the lines recovers them', async () => {
        const fx = await kit.org({ monthlyPool: 1000, thresholds: { yellow: 50, red: 80 } });
        const m = await fx.member({ allocation: 1000 });
        const log = fx.record();
        const usage = await fx.consume(m.userId, 850);
        expect((await alertsOf(log, 'pool')).sort()).toEqual([
          'alert.triggered pool red',
          'alert.triggered pool yellow',
        ]);
        await ok(
          fx.allot.refund({
            actor: fx.system,
            orgId: fx.orgId,
            usageId: usage.id,
            amount: 400,
            idempotencyKey: randomId(),
          }),
        );
        expect((await alertsOf(log, 'pool')).slice(2).sort()).toEqual([
          'alert.recovered pool red',
          'alert.recovered pool yellow',
        ]);
        expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).alerts).toEqual([]);
      });

      it('a top-up recovers them, and a recovered line stays quiet for the rest of the period', async () => {
        const fx = await kit.org({ monthlyPool: 1000 });
        const m = await fx.member({ allocation: 1000 });
        const log = fx.record();
        await fx.consume(m.userId, 750);
        expect(await alertsOf(log, 'pool')).toEqual(['alert.triggered pool yellow']);
        await ok(fx.allot.topUp({ actor: fx.system, orgId: fx.orgId, amount: 1000 }));
        expect(await alertsOf(log, 'pool')).toEqual([
          'alert.triggered pool yellow',
          'alert.recovered pool yellow',
        ]);
        expect(log.of('alert.recovered').find((e) => e.alert.scope === 'pool')?.alert).toMatchObject({
          usagePercent: 37.5,
          pool: 2000,
        });
        await ok(fx.allot.assign({ actor: fx.admin, orgId: fx.orgId, userId: m.userId, total: 2000 }));
        await fx.consume(m.userId, 750);
        expect(await alertsOf(log, 'pool')).toHaveLength(2);
        expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).alerts).toEqual([]);
      });

      it('fire again in the next period', async () => {
        const fx = await kit.org({ monthlyPool: 1000, rolloverPolicy: 'carry' });
        const m = await fx.member({ allocation: 1000 });
        const log = fx.record();
        await fx.consume(m.userId, 700);
        await log.flush(); // the check of March's usage runs before April starts
        fx.clock.set('2026-04-02T00:00:00.000Z');
        expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).alerts).toEqual([]);
        await fx.consume(m.userId, 700);
        expect(await alertsOf(log, 'pool')).toEqual([
          'alert.triggered pool yellow',
          'alert.triggered pool yellow',
        ]);
      });

      it('many concurrent consumes crossing both lines trigger each exactly once', async () => {
        const fx = await kit.org({ monthlyPool: 1000 });
        const members = [];
        for (let i = 0; i < 10; i++) members.push(await fx.member({ allocation: 100 }));
        const log = fx.record();
        const results = await Promise.all(
          members.flatMap((m) =>
            Array.from({ length: 10 }, () =>
              settle(
                fx.allot.consume({
                  actor: fx.system,
                  orgId: fx.orgId,
                  userId: m.userId,
                  amount: 10,
                  idempotencyKey: randomId(),
                }),
              ),
            ),
          ),
        );
        expect(results.every((r) => r.ok)).toBe(true);
        const pool = await alertsOf(log, 'pool');
        expect(pool.sort()).toEqual(['alert.triggered pool red', 'alert.triggered pool yellow']);
        const member = await alertsOf(log, 'member');
        expect(member).toHaveLength(10);
        expect((await ok(fx.allot.overview({ actor: fx.admin, orgId: fx.orgId }))).alerts).toEqual([
          'red',
          'yellow',
        ]);
      });
    });
  });
}
