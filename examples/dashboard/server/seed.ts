import type { AllotStore } from '@allot/core';
import {
  type Actor,
  type Allot,
  actors,
  createAllot,
  createManualClock,
  type ManualClock,
} from '@allot/core';
import { DEMO_ORG, DEMO_PEOPLE, type DemoPerson, emailOf, USAGE_KINDS } from './demo-org';
import { createRandom, type Random } from './random';
import { DAY, REQUEST_STORIES, type RequestStory, seedTimeline } from './seed-plan';

/** Whose big job leaves them below the low-credit alert line (10 % of their allocation). */
export const LOW_MEMBER = 'priya';
/** Whose export is still running when the seed ends: the demo's one active hold. */
export const HELD_MEMBER = 'liam';
/** The seeded hold: credits reserved and how long it lasts. */
export const SEEDED_HOLD = { amount: 450, ttlSeconds: 12 * 3600, description: 'Quarterly report export' };

/** Unwraps a seed step; a failure here is a bug in the seed, so it stops the server loudly. */
function must<T>(
  step: string,
  result: { match<A>(onOk: (value: T) => A, onErr: (error: unknown) => A): A },
): T {
  return result.match(
    (value) => value,
    (error) => {
      throw new Error(`seed: ${step} failed: ${JSON.stringify(error)}`);
    },
  );
}

interface SeedContext {
  allot: Allot;
  clock: ManualClock;
  random: Random;
  admin: Actor;
  system: Actor;
  orgId: string;
  usageCount: number;
}

/** What the seed wrote, for the log line. */
export interface SeedReport {
  members: number;
  usages: number;
  requests: number;
}

/**
 * Fills a fresh store with the demo organization and three periods of history, driving the
 * public core API with a manual clock that walks from two periods ago to just before `now`.
 */
export async function seedDemo(store: AllotStore, now: Date = new Date()): Promise<SeedReport> {
  const timeline = seedTimeline(now);
  const [first] = timeline.periodStarts;
  const clock = createManualClock(new Date(first.getTime() + 8 * 3_600_000));
  const allot = createAllot({ store, clock: clock.now });
  const system = actors.system();
  const admins = DEMO_PEOPLE.filter((p) => p.role === 'admin');

  const org = must(
    'createOrganization',
    await allot.createOrganization({
      actor: system,
      id: DEMO_ORG.id,
      name: DEMO_ORG.name,
      domains: [DEMO_ORG.domain],
      monthlyPool: DEMO_ORG.monthlyPool,
      periodAnchorDay: timeline.anchorDay,
      admins: admins.map((p) => ({ userId: emailOf(p.handle), email: emailOf(p.handle), name: p.name })),
    }),
  );
  const ctx: SeedContext = {
    allot,
    clock,
    random: createRandom(20_261_125),
    admin: actors.user(org.id, emailOf(admins[0]!.handle)),
    system,
    orgId: org.id,
    usageCount: 0,
  };

  for (const person of DEMO_PEOPLE) {
    clock.advance(7 * 60_000);
    if (person.role === 'member') {
      const email = emailOf(person.handle);
      must('enroll', await allot.enroll({ actor: system, userId: email, email, name: person.name }));
    }
    must(
      'assign',
      await allot.assign({
        actor: ctx.admin,
        orgId: org.id,
        userId: emailOf(person.handle),
        total: person.allocation,
      }),
    );
  }

  const openRequests = new Map<RequestStory, string>();
  let requests = 0;
  const events: { at: number; run: () => Promise<void> }[] = [];
  const endMs = timeline.end.getTime();

  for (let day = first.getTime(); day < endMs; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const person of DEMO_PEOPLE) {
      if (!ctx.random.chance(0.75)) continue;
      const at = day + ctx.random.int(8, 18) * 3_600_000 + ctx.random.int(0, 59) * 60_000;
      events.push({ at, run: () => useCredits(ctx, person) });
    }
  }
  for (const story of REQUEST_STORIES) {
    const at = timeline.periodStarts[story.period].getTime() + story.day * DAY + 10 * 3_600_000;
    events.push({
      at,
      run: async () => {
        const request = must(
          'submitRequest',
          await allot.submitRequest({
            actor: actors.user(org.id, emailOf(story.handle)),
            orgId: org.id,
            amount: story.amount,
            message: story.message,
          }),
        );
        requests += 1;
        openRequests.set(story, request.id);
      },
    });
    if (story.outcome !== 'pending') {
      // Decisions come the next day, early afternoon.
      events.push({ at: at + DAY + 4 * 3_600_000, run: () => decide(ctx, story, openRequests.get(story)!) });
    }
  }
  events.push({
    at: timeline.periodStarts[1].getTime() + 7 * DAY + 15 * 3_600_000,
    run: async () => {
      must(
        'revoke',
        await allot.revoke({ actor: ctx.admin, orgId: org.id, userId: emailOf('lucas'), amount: 500 }),
      );
    },
  });

  // Two scripted moments near the end, so a fresh demo always shows an alert and a hold.
  events.push({ at: endMs - 3 * 3_600_000, run: () => bigJob(ctx, LOW_MEMBER) });
  events.push({ at: endMs - 20 * 60_000, run: () => runningJob(ctx, HELD_MEMBER) });

  events.sort((a, b) => a.at - b.at);
  for (const event of events) {
    if (event.at >= endMs) break;
    clock.set(new Date(Math.max(event.at, clock.now().getTime())));
    await event.run();
  }
  clock.set(new Date(Math.max(endMs, clock.now().getTime())));
  // Nobody subscribes to this instance's events; wait for its post-commit pool-alert checks.
  await allot.events.stop();
  return { members: DEMO_PEOPLE.length, usages: ctx.usageCount, requests };
}

async function decide(ctx: SeedContext, story: RequestStory, requestId: string): Promise<void> {
  const { allot, orgId, admin } = ctx;
  if (story.outcome === 'approved') {
    must('approve', await allot.approveRequest({ actor: admin, orgId, requestId, amount: story.granted }));
  } else if (story.outcome === 'rejected') {
    must('reject', await allot.rejectRequest({ actor: admin, orgId, requestId, reason: story.reason }));
  } else if (story.outcome === 'cancelled') {
    const requester = actors.user(orgId, emailOf(story.handle));
    must('cancel', await allot.cancelRequest({ actor: requester, orgId, requestId }));
  }
}

/** One person's usage on one working day, sometimes refunded in part (a failed job). */
async function useCredits(ctx: SeedContext, person: DemoPerson): Promise<void> {
  const { allot, random, orgId, system } = ctx;
  const userId = emailOf(person.handle);
  const perDay = (person.allocation * person.appetite) / 9;
  const amount = Math.max(5, Math.round(perDay * (0.4 + random.next() * 1.2)));
  ctx.usageCount += 1;
  const result = await allot.consume({
    actor: system,
    orgId,
    userId,
    amount,
    idempotencyKey: `seed-usage-${ctx.usageCount}`,
    description: random.pick(USAGE_KINDS),
  });
  // Running out is part of the story (it is why people ask for more); skip that day's job.
  if (result.isErr()) {
    if (result.error.code === 'insufficient_credits') return;
    must('consume', result);
  }
  if (result.isOk() && random.chance(0.07)) {
    ctx.clock.advance(25 * 60_000);
    must(
      'refund',
      await allot.refund({
        actor: system,
        orgId,
        usageId: result.value.usage.id,
        amount: Math.max(1, Math.round(amount * random.pick([0.25, 0.5, 1]))),
        idempotencyKey: `seed-refund-${ctx.usageCount}`,
        description: 'Job failed — credits returned',
      }),
    );
  }
}

/** A fine-tune that eats all but 5 % of what the member was allocated: their low-credit alert fires. */
async function bigJob(ctx: SeedContext, handle: string): Promise<void> {
  const userId = emailOf(handle);
  const balance = must('balance', await ctx.allot.balance({ actor: ctx.system, orgId: ctx.orgId, userId }));
  const amount = balance.remaining - Math.floor(balance.allocated * 0.05);
  if (amount <= 0) return;
  ctx.usageCount += 1;
  must(
    'consume',
    await ctx.allot.consume({
      actor: ctx.system,
      orgId: ctx.orgId,
      userId,
      amount,
      idempotencyKey: `seed-usage-${ctx.usageCount}`,
      description: 'Model fine-tune',
    }),
  );
}

/** A job the host product reserved credits for and that has not finished yet: an active hold. */
async function runningJob(ctx: SeedContext, handle: string): Promise<void> {
  const userId = emailOf(handle);
  const balance = must('balance', await ctx.allot.balance({ actor: ctx.system, orgId: ctx.orgId, userId }));
  const amount = Math.min(SEEDED_HOLD.amount, balance.remaining);
  if (amount <= 0) return;
  must(
    'reserve',
    await ctx.allot.reserve({
      actor: ctx.system,
      orgId: ctx.orgId,
      userId,
      amount,
      ttlSeconds: SEEDED_HOLD.ttlSeconds,
      description: SEEDED_HOLD.description,
      idempotencyKey: 'seed-hold-1',
    }),
  );
}
