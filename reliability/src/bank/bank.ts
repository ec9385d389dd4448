import { randomInt } from 'node:crypto';
import { type AllotStore, actors, createAllot } from '@allot/core';
import { checkInvariants } from '@allot/testkit';
import { expect } from 'vitest';
import { recordFigures, tally } from '../support/figures';
import { must } from '../support/results';
import type { StoreSpec } from '../support/store-spec';
import { runWorkers } from './run-bank';

export const WORKERS = 4;
export const CONCURRENCY = 5;

/**
 * The bank test: {@link WORKERS} processes × {@link CONCURRENCY} operations in flight for
 * `durationMs` — random consumes (some above any balance), refunds, revokes, assigns, requests
 * with approvals and rejections, holds of 1–3 s reserved, captured (in full, in part, or for too
 * much) and released across processes, a few top-ups, 10 % sent twice under one key (half of them
 * concurrently), and with `batchRate` some consumes sent as `consumeMany` batches — while a
 * reader checks consistent snapshots. Afterwards every invariant holds, no
 * duplicate answered differently, nothing unexpected happened, and a holds read leaves no lapsed
 * hold active.
 */
export async function bankTest(
  adapter: string,
  spec: StoreSpec,
  durationMs: number,
  options: {
    /**
     * Share of operations sent as a `consumeMany` batch of 2–8 consumes (some sharing a key with
     * an earlier consume or batch, 10 % of batches sent twice at once); 0 by default.
     */
    batchRate?: number;
  } = {},
): Promise<void> {
  const batchRate = options.batchRate ?? 0;
  const suite = batchRate > 0 ? 'bank-batches' : 'bank';
  const started = Date.now();
  const figures = tally();
  const seed = randomInt(2 ** 31);
  const result = await runWorkers(
    spec,
    { members: 8, allocation: 400, monthlyPool: 3600 },
    (org) =>
      Array.from({ length: WORKERS }, (_, workerId) => ({
        mode: 'bank' as const,
        spec,
        orgId: org.orgId,
        domain: org.domain,
        workerId,
        seed: seed + workerId,
        userIds: org.userIds,
        concurrency: CONCURRENCY,
        durationMs,
        duplicateRate: 0.1,
        batchRate,
      })),
    figures,
    durationMs + 8_000,
  );
  try {
    const codes: Record<string, number> = {};
    for (const r of result.reports)
      for (const [c, k] of Object.entries(r.codes)) codes[c] = (codes[c] ?? 0) + k;
    const holdCodes: Record<string, Record<string, number>> = { reserve: {}, capture: {}, release: {} };
    for (const r of result.reports) {
      for (const [kind, into] of Object.entries(holdCodes)) {
        for (const [c, k] of Object.entries(r.codesByKind[kind] ?? {})) into[c] = (into[c] ?? 0) + k;
      }
    }
    const lapsed = await lapsedActiveHolds(result.store, result.orgId);
    const retries = result.reports.reduce((s, r) => s + r.retries, 0);
    const concurrentDuplicates = result.reports.reduce((s, r) => s + r.concurrentDuplicates, 0);
    const slowest = Math.max(...result.reports.map((r) => r.slowestMs));
    const batches = result.reports.reduce((s, r) => s + r.batches, 0);
    figures.notes = `seed ${seed}; ${batchRate > 0 ? `${batches} consumeMany batches; ` : ''}${result.snapshots} snapshots; ${concurrentDuplicates} concurrent duplicates; outcomes ${JSON.stringify(codes)}; ${retries} retries after store_unavailable; slowest call ${slowest} ms; holds ${JSON.stringify(holdCodes)}`;
    const context = `${suite} on ${adapter} (seed ${seed})`;
    if (batchRate > 0) expect(batches, `${context}: batches must be sent`).toBeGreaterThan(0);
    expect(lapsed, `${context}: active holds past their expiry after a holds read`).toEqual([]);
    for (const kind of ['reserve', 'capture', 'release'] as const) {
      expect(holdCodes[kind]?.ok ?? 0, `${context}: some ${kind} must succeed`).toBeGreaterThan(0);
    }
    expect(result.snapshotProblems, context).toEqual([]);
    expect(result.violations, context).toEqual([]);
    expect(
      result.reports.flatMap((r) => r.duplicateMismatches),
      context,
    ).toEqual([]);
    expect(
      result.reports.flatMap((r) => r.unexpected),
      context,
    ).toEqual([]);
    expect(codes.ok ?? 0, context).toBeGreaterThan(0);
    expect(
      codes.insufficient_credits ?? 0,
      `${context}: some consumes must exceed the balance`,
    ).toBeGreaterThan(0);
    expect(result.snapshots, context).toBeGreaterThan(0);
  } finally {
    recordFigures(suite, adapter, figures, Date.now() - started);
    await result.store.close?.();
  }
}

/**
 * Reads the active holds through Allot (which expires the lapsed ones first) and returns those
 * still active past their expiry: none may be, and the invariants must still hold after it.
 */
async function lapsedActiveHolds(store: AllotStore, orgId: string): Promise<string[]> {
  const allot = createAllot({ store });
  const page = await must(allot.holds({ actor: actors.system(), orgId, status: 'active', limit: 500 }));
  const now = new Date().toISOString();
  const lapsed = page.items.filter((h) => h.expiresAt <= now).map((h) => `${h.id} expired at ${h.expiresAt}`);
  const violations = await checkInvariants(store, orgId);
  await allot.events.stop();
  return [...lapsed, ...violations.map((v) => JSON.stringify(v))];
}

/**
 * The hot member: balance `balance`, and `balance + extra` consumes of 1 fired at once across
 * {@link WORKERS} processes. Exactly `balance` succeed and the member ends at 0.
 */
export async function hotMemberTest(
  adapter: string,
  spec: StoreSpec,
  balance: number,
  extra: number,
): Promise<void> {
  const started = Date.now();
  const figures = tally();
  const total = balance + extra;
  const result = await runWorkers(
    spec,
    { members: 1, allocation: balance, monthlyPool: balance },
    (org) =>
      Array.from({ length: WORKERS }, (_, workerId) => ({
        mode: 'hot' as const,
        spec,
        orgId: org.orgId,
        domain: org.domain,
        workerId,
        userId: org.userIds[0] as string,
        count: Math.floor(total / WORKERS) + (workerId < total % WORKERS ? 1 : 0),
      })),
    figures,
    10_000,
  );
  try {
    const successes = result.reports.reduce((s, r) => s + r.consumed, 0);
    const refused = result.reports.reduce((s, r) => s + (r.codes.insufficient_credits ?? 0), 0);
    figures.faults += total;
    figures.notes = `${total} concurrent consumes of 1 on a balance of ${balance}: ${successes} succeeded, ${refused} refused`;
    expect(result.violations).toEqual([]);
    expect(result.snapshotProblems).toEqual([]);
    expect(result.reports.flatMap((r) => r.unexpected)).toEqual([]);
    expect(successes).toBe(balance);
    expect(refused).toBe(extra);
    const after = await result.store.getMember({ orgId: result.orgId, userId: 'm0' });
    expect(after?.allocated).toBe(balance);
    expect(after?.used).toBe(balance);
    const view = await must(
      createAllot({ store: result.store }).balance({
        actor: actors.system(),
        orgId: result.orgId,
        userId: 'm0',
      }),
    );
    expect(view.remaining).toBe(0);
  } finally {
    recordFigures('hot-member', adapter, figures, Date.now() - started);
    await result.store.close?.();
  }
}
