import { randomUUID } from 'node:crypto';
import { type Allot, actors } from '@allot/core';
import { USAGE_KINDS } from './demo-org';

/** What one simulation did. */
export interface SimulationReport {
  usages: number;
  credits: number;
  refunds: number;
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

/**
 * Simulates the host product metering usage: a handful of members with credits left spend some
 * of them (as the host's server would call `consume`), and now and then a failed job is refunded.
 */
export async function simulateUsage(allot: Allot, orgId: string): Promise<SimulationReport> {
  const system = actors.system();
  const members = await allot.members({ actor: system, orgId, limit: 500 });
  if (members.isErr()) throw new Error(members.error.message);
  const candidates = members.value.items.filter((m) => m.remaining > 0);
  const report: SimulationReport = { usages: 0, credits: 0, refunds: 0 };
  const count = Math.min(candidates.length, 3 + Math.floor(Math.random() * 4));
  for (const member of [...candidates].sort(() => Math.random() - 0.5).slice(0, count)) {
    const amount = Math.max(
      1,
      Math.min(member.remaining, Math.round(member.allocated * (0.02 + Math.random() * 0.06))),
    );
    const usage = await allot.consume({
      actor: system,
      orgId,
      userId: member.userId,
      amount,
      idempotencyKey: `sim-${randomUUID()}`,
      description: pick(USAGE_KINDS),
    });
    if (usage.isErr()) continue;
    report.usages += 1;
    report.credits += amount;
    if (Math.random() < 0.15) {
      const refund = await allot.refund({
        actor: system,
        orgId,
        usageId: usage.value.usage.id,
        idempotencyKey: `sim-refund-${randomUUID()}`,
        description: 'Job failed — credits returned',
      });
      if (refund.isOk()) report.refunds += 1;
    }
  }
  return report;
}
