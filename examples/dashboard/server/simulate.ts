import { randomUUID } from 'node:crypto';
import { type Allot, actors } from '@allot/core';
import { USAGE_KINDS } from './demo-org';

/** What one simulation did. */
export interface SimulationReport {
  /** Jobs that finished: their hold was captured as usage. */
  usages: number;
  /** Credits those jobs used (captured). */
  credits: number;
  refunds: number;
  /** Jobs still running: their hold stays active until it is captured, released or expires. */
  running: number;
}

/** How long a simulated job's hold lasts if nobody settles it. */
const HOLD_TTL_SECONDS = 15 * 60;

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

/**
 * Simulates the host product metering jobs the way a server that does not know the final cost
 * upfront would: reserve an estimate (a hold), run the job, capture what it actually used (the
 * rest goes back). A handful of members with credits left each run one job; the last one is
 * still running when the simulation returns (its hold stays active), and now and then a failed
 * job is refunded.
 */
export async function simulateUsage(allot: Allot, orgId: string): Promise<SimulationReport> {
  const system = actors.system();
  const members = await allot.members({ actor: system, orgId, limit: 500 });
  if (members.isErr()) throw new Error(members.error.message);
  const candidates = members.value.items.filter((m) => m.remaining > 0);
  const report: SimulationReport = { usages: 0, credits: 0, refunds: 0, running: 0 };
  const count = Math.min(candidates.length, 3 + Math.floor(Math.random() * 4));
  const chosen = [...candidates].sort(() => Math.random() - 0.5).slice(0, count);
  for (const [index, member] of chosen.entries()) {
    const job = randomUUID();
    const estimate = Math.max(
      1,
      Math.min(member.remaining, Math.round(member.allocated * (0.02 + Math.random() * 0.06))),
    );
    const reserved = await allot.reserve({
      actor: system,
      orgId,
      userId: member.userId,
      amount: estimate,
      ttlSeconds: HOLD_TTL_SECONDS,
      idempotencyKey: `sim-${job}`,
      description: pick(USAGE_KINDS),
    });
    if (reserved.isErr()) continue;
    if (index === chosen.length - 1) {
      report.running += 1;
      continue;
    }
    // Jobs use 60–100 % of their estimate.
    const used = Math.max(1, Math.round(estimate * (0.6 + Math.random() * 0.4)));
    const captured = await allot.capture({
      actor: system,
      orgId,
      holdId: reserved.value.hold.id,
      amount: used,
      idempotencyKey: `sim-${job}:capture`,
    });
    if (captured.isErr()) continue;
    report.usages += 1;
    report.credits += used;
    if (Math.random() < 0.15) {
      const refund = await allot.refund({
        actor: system,
        orgId,
        usageId: captured.value.usage.id,
        idempotencyKey: `sim-${job}:refund`,
        description: 'Job failed — credits returned',
      });
      if (refund.isOk()) report.refunds += 1;
    }
  }
  return report;
}
