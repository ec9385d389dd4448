import { poolAlertUpdate } from '../decide/alerts';
import type { EventOptions, PendingWork } from './events';
import { contextFor, type Runtime } from './runtime';

/**
 * Checks an organization's pool alerts after commits that may move its usage. Usage only locks
 * members, so the pool's totals are read after commit; the organization row is locked only when
 * an alert fires or clears, and the state is re-checked under that lock so each fires once.
 *
 * A check sums the whole organization, so it runs at most once per `intervalMs` per organization:
 * the first commit after a quiet spell is checked at once, later ones by one trailing check.
 * `settled()` runs every pending check now.
 */
export function createPoolAlertChecker(
  rt: Runtime,
  options: { intervalMs: number; onError: EventOptions['onError']; afterCheck: () => void },
) {
  const running = new Map<string, Promise<void>>();
  const waiting = new Map<string, ReturnType<typeof setTimeout>>();
  const lastRun = new Map<string, number>();

  async function check(orgId: string): Promise<void> {
    const seen = await rt.store.getOrganization({ orgId });
    if (!seen) return;
    const totals = await rt.store.memberTotals({ orgId, consistent: true });
    if (!poolAlertUpdate(seen, totals, contextFor(rt, { type: 'system' }))) return;
    await rt.store.transaction(async (tx) => {
      const org = await tx.lockOrganization({ orgId });
      if (!org || org.periodStart !== seen.periodStart) return;
      const update = poolAlertUpdate(org, totals, contextFor(rt, { type: 'system' }));
      if (update) await tx.write({ organization: update.organization, events: update.events });
    });
  }

  function run(orgId: string): Promise<void> {
    clearTimeout(waiting.get(orgId));
    waiting.delete(orgId);
    lastRun.set(orgId, Date.now());
    const done = check(orgId)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running.delete(orgId);
        options.afterCheck();
      });
    running.set(orgId, done);
    return done;
  }

  function schedule(orgId: string): void {
    if (waiting.has(orgId)) return;
    const current = running.get(orgId);
    const wait = (lastRun.get(orgId) ?? 0) + options.intervalMs - Date.now();
    if (!current && wait <= 0) {
      void run(orgId);
      return;
    }
    // A check already running may have read the totals before this commit: check once more.
    const timer = setTimeout(
      () => void (running.get(orgId) ?? Promise.resolve()).then(() => run(orgId)),
      Math.max(wait, 0),
    );
    timer.unref?.();
    waiting.set(orgId, timer);
  }

  return {
    schedule,
    async settled(): Promise<void> {
      while (running.size > 0 || waiting.size > 0) {
        await Promise.all(running.values());
        for (const orgId of [...waiting.keys()]) await run(orgId);
      }
    },
  } satisfies PendingWork & { schedule(orgId: string): void };
}
