import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AllotEvent, type AllotStore, createAllot } from '@allot/core';
import { checkInvariants } from '@allot/testkit';
import { expect } from 'vitest';
import { startWorker, stopWorker } from '../processes/spawn';
import { type Figures, recordFigures, tally } from '../support/figures';
import { fundedOrg, journalOf } from '../support/org';
import { openSpec, type StoreSpec } from '../support/store-spec';
import type { DeliveryLine, EventsJob, EventsMessage } from './events-worker';
import { ALERT_THRESHOLD, type ScriptResult } from './script';

const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'events-worker.ts');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The lease of claimed events, in the worker and in the restarted dispatcher. */
const LEASE_MS = 300;
/** Events the worker claims per round, so a kill can fall after a completed batch. */
const WORKER_BATCH = 2;
/** Where the in-delivery worker kills itself: the first event, mid-way, the last. */
const KILL_POINTS = [1, 3, 6];

type Adapter = 'sqlite' | 'postgres';

/** A fresh organization whose setup events were delivered (so the outbox holds none of them). */
async function freshOrg(spec: StoreSpec): Promise<{ orgId: string; setupEntryIds: Set<string> }> {
  const store = openSpec(spec);
  const allot = createAllot({ store, events: true });
  try {
    allot.on('*', () => {});
    const org = await fundedOrg(store, { members: 3, allocation: 500, monthlyPool: 10_000, allot });
    await allot.events.flush();
    await allot.events.stop();
    const setupEntryIds = new Set((await journalOf(store, org.orgId)).map((e) => e.id));
    return { orgId: org.orgId, setupEntryIds };
  } finally {
    await store.close?.();
  }
}

/** Starts a worker on a job and waits for its report of what committed. */
async function runWorker(job: EventsJob) {
  const worker = startWorker<EventsJob, EventsMessage>(WORKER);
  worker.send(job);
  const { result } = await worker.next((m): m is EventsMessage => m.kind === 'committed');
  return { worker, result };
}

/** A restarted Allot over the store, collecting every event it delivers. */
function restart(store: AllotStore) {
  const allot = createAllot({ store, events: { leaseMs: LEASE_MS } });
  const delivered: AllotEvent[] = [];
  allot.on('*', (event) => {
    delivered.push(event);
  });
  return { allot, delivered };
}

/** A short name for an event, for assertion messages. */
/** The store's invariants hold, counting the script's acknowledged calls and its refused key. */
async function expectInvariants(store: AllotStore, orgId: string, result: ScriptResult, context: string) {
  expect(
    await checkInvariants(store, orgId, {
      acknowledged: { entryIds: result.entryIds, idempotencyKeys: result.idempotencyKeys },
      rejectedKeys: [result.refused.key],
    }),
    context,
  ).toEqual([]);
}

function describeEvent(event: AllotEvent): string {
  if (event.type === 'journal.entry') return `journal.entry(${event.entry.type} ${event.entry.id})`;
  if (event.type === 'request.submitted' || event.type === 'request.decided') {
    return `${event.type}(${event.request.id})`;
  }
  return event.type;
}

/**
 * Checks that `events` (each delivered once) are exactly the events of the worker's commands: one
 * `journal.entry` per entry its commands committed (every id it reported among them), the
 * `request.submitted`, the member `alert.triggered`, and nothing for the refused or the replayed
 * consume. Returns the number of events checked.
 */
async function expectExactlyTheCommittedEvents(
  store: AllotStore,
  orgId: string,
  setupEntryIds: Set<string>,
  result: ScriptResult,
  events: AllotEvent[],
  context: string,
): Promise<number> {
  const ids = events.map((e) => e.id);
  expect(new Set(ids).size, `${context}: an event delivered twice`).toBe(ids.length);
  expect(
    events.filter((e) => e.orgId !== orgId).map(describeEvent),
    `${context}: events of another organization`,
  ).toEqual([]);

  const committed = (await journalOf(store, orgId)).filter((e) => !setupEntryIds.has(e.id));
  const entryEvents = events.flatMap((e) => (e.type === 'journal.entry' ? [e.entry] : []));
  expect(entryEvents.map((e) => e.id).sort(), `${context}: one journal.entry per committed entry`).toEqual(
    committed.map((e) => e.id).sort(),
  );
  for (const id of result.entryIds) {
    expect(
      entryEvents.map((e) => e.id),
      `${context}: reported entry ${id}`,
    ).toContain(id);
  }
  expect(
    entryEvents.filter((e) => e.idempotencyKey === result.refused.key),
    `${context}: refused`,
  ).toEqual([]);
  expect(
    entryEvents.filter((e) => e.idempotencyKey === result.replayedKey),
    `${context}: replayed key ${result.replayedKey}`,
  ).toHaveLength(1);

  const requests = events.flatMap((e) => (e.type === 'request.submitted' ? [e.request.id] : []));
  expect(requests, `${context}: request.submitted`).toEqual([result.requestId]);
  const alerts = events.flatMap((e) => (e.type === 'alert.triggered' ? [e.alert] : []));
  expect(alerts, `${context}: alert.triggered`).toEqual([
    expect.objectContaining({ scope: 'member', userId: result.alertUserId, threshold: ALERT_THRESHOLD }),
  ]);
  expect(events, `${context}: nothing else`).toHaveLength(entryEvents.length + 2);
  return events.length;
}

/**
 * (a) A worker commits its commands with no subscriber and is SIGKILLed: nothing was delivered.
 * A restarted Allot over the same store delivers every committed event, each exactly once.
 */
export async function killAfterCommit(adapter: Adapter, spec: StoreSpec): Promise<void> {
  const started = Date.now();
  const figures = tally();
  let store: AllotStore | undefined;
  try {
    const { orgId, setupEntryIds } = await freshOrg(spec);
    const { worker, result } = await runWorker({
      spec,
      orgId,
      mode: 'after-commit',
      logPath: '',
      killAt: 0,
      leaseMs: LEASE_MS,
      batchSize: WORKER_BATCH,
    });
    worker.child.kill('SIGKILL');
    const { signal } = await worker.exited;
    expect(signal, 'the worker must die by SIGKILL').toBe('SIGKILL');
    expect(result.refused.code).toBe('insufficient_credits');
    figures.faults += 1;
    figures.operations += result.calls;

    store = openSpec(spec);
    const { allot, delivered } = restart(store);
    await allot.events.flush();
    await allot.events.stop();
    const context = `${adapter}: kill after commit`;
    figures.invariantChecks += await expectExactlyTheCommittedEvents(
      store,
      orgId,
      setupEntryIds,
      result,
      delivered,
      context,
    );
    // A second restart finds nothing left: the delivered events were completed.
    const again = restart(store);
    await again.allot.events.flush();
    await again.allot.events.stop();
    expect(again.delivered.map(describeEvent), `${context}: left in the outbox`).toEqual([]);
    await expectInvariants(store, orgId, result, context);
    figures.invariantChecks += 1;
    figures.notes = `${delivered.length} events committed before the kill (none delivered) all delivered once after restart: ${delivered.map((e) => e.type).join(', ')}; none for the refused or the replayed consume`;
  } catch (error) {
    figures.failures += 1;
    throw error;
  } finally {
    recordFigures('events-after-commit', adapter, figures, Date.now() - started);
    await store?.close?.();
  }
}

/** What one in-delivery round saw. */
interface DeliveryRound {
  killAt: number;
  handledBeforeKill: number;
  redelivered: number;
  firstDeliveries: number;
  /** True when the restart's first flush ran inside the dead worker's lease (and so held the in-flight events back). */
  leaseObserved: boolean;
}

function readDeliveryLog(path: string): DeliveryLine[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as DeliveryLine);
}

async function deliveryRound(adapter: Adapter, spec: StoreSpec, killAt: number, figures: Figures) {
  const { orgId, setupEntryIds } = await freshOrg(spec);
  const logPath = join(tmpdir(), `allot-events-${adapter}-${orgId}.log`);
  let store: AllotStore | undefined;
  try {
    const { worker, result } = await runWorker({
      spec,
      orgId,
      mode: 'in-delivery',
      logPath,
      killAt,
      leaseMs: LEASE_MS,
      batchSize: WORKER_BATCH,
    });
    const context = `${adapter}: kill while delivering event ${killAt}`;
    const { signal } = await worker.exited;
    await stopWorker(worker);
    expect(signal, `${context}: the worker must kill itself with SIGKILL`).toBe('SIGKILL');
    figures.faults += 1;
    figures.operations += result.calls;

    const lines = readDeliveryLog(logPath);
    const subscribedAt = lines.find((l) => l.kind === 'subscribed')?.at ?? 0;
    const handled = lines.flatMap((l) => (l.kind === 'handled' ? [l] : []));
    expect(
      handled.map((l) => l.n),
      `${context}: events handled before the kill`,
    ).toEqual(Array.from({ length: killAt }, (_, i) => i + 1));
    // Batches of WORKER_BATCH: the ones before the kill's batch were completed; the kill's batch
    // (claimed, leased, not completed) is in flight, including the events handled from it.
    const batchStart = Math.floor((killAt - 1) / WORKER_BATCH) * WORKER_BATCH;
    const completed = handled.slice(0, batchStart).map((l) => l.event);
    const inFlightHandled = handled.slice(batchStart).map((l) => l.event);
    // The in-flight batch was claimed after the previous batch's last event was handled.
    const claimedAfter = batchStart > 0 ? (handled[batchStart - 1]?.at ?? subscribedAt) : subscribedAt;

    store = openSpec(spec);
    const { allot, delivered } = restart(store);
    await allot.events.flush();
    const earlyFlushEnded = Date.now();
    const leaseObserved = earlyFlushEnded < claimedAfter + LEASE_MS;
    if (leaseObserved) {
      // Still inside the dead worker's lease: its in-flight events are not due yet.
      const early = new Set(delivered.map((e) => e.id));
      expect(
        inFlightHandled.filter((e) => early.has(e.id)).map(describeEvent),
        `${context}: delivered inside the lease`,
      ).toEqual([]);
    }
    // Past the lease (it started before the last handled event), everything must come out.
    const lastHandledAt = handled.at(-1)?.at ?? Date.now();
    await sleep(Math.max(0, lastHandledAt + LEASE_MS + 50 - Date.now()));
    await allot.events.flush();
    await allot.events.stop();

    const all = [...completed, ...delivered];
    figures.invariantChecks += await expectExactlyTheCommittedEvents(
      store,
      orgId,
      setupEntryIds,
      result,
      dedupe([...handled.map((l) => l.event), ...delivered]),
      context,
    );
    // At least once, never lost: each event delivered once after the restart unless a completed
    // batch delivered it, and the only duplicates are the in-flight events handled before the kill.
    const restartIds = delivered.map((e) => e.id);
    expect(new Set(restartIds).size, `${context}: delivered twice after the restart`).toBe(restartIds.length);
    const before = new Map(handled.map((l) => [l.event.id, l.event]));
    const duplicates = delivered.filter((e) => before.has(e.id));
    expect(duplicates.map(describeEvent), `${context}: duplicates = the in-flight events handled`).toEqual(
      inFlightHandled.map(describeEvent),
    );
    for (const event of duplicates) {
      expect(event, `${context}: a redelivery is the same event`).toEqual(before.get(event.id));
    }
    expect(all.length, `${context}: every event exactly once outside the in-flight batch`).toBe(
      new Set(all.map((e) => e.id)).size,
    );
    await expectInvariants(store, orgId, result, context);
    figures.invariantChecks += 1;
    return {
      killAt,
      handledBeforeKill: handled.length,
      redelivered: duplicates.length,
      firstDeliveries: delivered.length - duplicates.length,
      leaseObserved,
    } satisfies DeliveryRound;
  } finally {
    await store?.close?.();
    rmSync(logPath, { force: true });
  }
}

/** Keeps the first of each event id. */
function dedupe(events: AllotEvent[]): AllotEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    if (seen.has(e.id)) return false;
    seen.add(e.id);
    return true;
  });
}

/**
 * (b) A worker subscribes after its commands committed and SIGKILLs itself while handling an
 * event (claimed in batches of 2, lease 300 ms). A restarted Allot, once the lease has passed,
 * delivers every event: none lost; the only duplicates are the in-flight events handled before
 * the kill, redelivered with the same id and content.
 */
export async function killDuringDelivery(adapter: Adapter, spec: StoreSpec): Promise<void> {
  const started = Date.now();
  const figures = tally();
  const rounds: DeliveryRound[] = [];
  try {
    for (const killAt of KILL_POINTS) rounds.push(await deliveryRound(adapter, spec, killAt, figures));
    figures.notes = `batches of ${WORKER_BATCH}, lease ${LEASE_MS} ms; ${rounds
      .map(
        (r) =>
          `kill at event ${r.killAt}: ${r.redelivered} redelivered (in flight, handled before the kill), ${r.firstDeliveries} delivered first after restart${r.leaseObserved ? ', held back until the lease ran out' : ''}`,
      )
      .join('; ')}; 0 lost`;
  } catch (error) {
    figures.failures += 1;
    throw error;
  } finally {
    recordFigures('events-in-delivery', adapter, figures, Date.now() - started);
  }
}
