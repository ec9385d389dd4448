import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Allot, type AllotEvent, actors, createAllot, type JournalEntry, orThrow } from '@allot/core';
import { createSqliteStore, migrate } from '@allot/sqlite';
import { createWebhookForwarder, type WebhookForwarder } from './forwarder';
import { type Delivery, startReceiver } from './receiver';

/** What the demo did, for its test. */
export interface DemoReport {
  /** Every journal entry of the organization, read back from the store. */
  journal: JournalEntry[];
  /** The events the receiver processed (once each). */
  received: AllotEvent[];
  /** Every request the receiver answered, failed and duplicate ones included. */
  deliveries: Delivery[];
}

/**
 * Delivers until nothing waits for a retry: `flush()` delivers what is due now; an event whose
 * delivery failed comes due again after the retry delay.
 */
async function drain(allot: Allot, forwarder: WebhookForwarder, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await allot.events.flush();
    if (forwarder.retrying.size === 0) return;
    if (Date.now() > deadline) throw new Error(`${forwarder.retrying.size} events still failing`);
    await sleep(100);
  }
}

function describe(event: AllotEvent): string {
  switch (event.type) {
    case 'journal.entry': {
      const { entry } = event;
      const amount = entry.amount > 0 ? `+${entry.amount}` : String(entry.amount);
      return `${entry.type} ${amount}${entry.userId ? ` (${entry.userId})` : ''}`;
    }
    case 'alert.triggered':
    case 'alert.recovered':
      return event.alert.scope === 'member'
        ? `${event.alert.userId}: ${event.alert.threshold} ${event.alert.limit} — ${event.alert.remaining} of ${event.alert.allocated} left`
        : `pool ${event.alert.threshold} at ${event.alert.usagePercent.toFixed(1)}%`;
    case 'member.enrolled':
      return event.member.userId;
    case 'request.submitted':
    case 'request.decided':
      return `${event.request.userId} ${event.request.status}`;
    case 'period.rolled_over':
      return `${event.closed.start} → ${event.current.start}`;
  }
}

/**
 * Runs Allot on a SQLite file in a temp folder, forwards every event to a local webhook
 * receiver that is down for the first delivery, does a little work (a member, a hold captured,
 * usage past the low-credit alert, a pool top-up) and prints what the receiver got.
 */
export async function runDemo(print: (line: string) => void = console.log): Promise<DemoReport> {
  const dir = mkdtempSync(join(tmpdir(), 'allot-webhooks-'));
  const filename = join(dir, 'allot.sqlite');
  await migrate({ filename });
  const store = createSqliteStore({ filename });
  const secret = 'whsec_demo_only_keep_yours_in_a_secret_store';
  const receiver = await startReceiver({ secret, failFirst: 1 });
  const allot = createAllot({
    store,
    // Delivery options turn events on (they are off by default). Retry a failed delivery after
    // 200 ms (the default backs off from 1 s to 5 min).
    events: {
      retryDelayMs: () => 200,
      onError: (error, event) =>
        print(`  ! delivery of ${event?.type} ${event?.id} failed (${String(error)}); it will be retried`),
    },
  });
  const forwarder = createWebhookForwarder({ url: receiver.url, secret });
  allot.on('*', forwarder);
  print(`Forwarding every Allot event to ${receiver.url}`);

  try {
    // Every call here should succeed, so the demo takes values with orThrow: an error would be a
    // bug in the example, thrown as an AllotFailure with its code, message and stack.
    const system = actors.system();
    const org = await orThrow(
      allot.createOrganization({
        actor: system,
        name: 'Acme Corp',
        domains: ['acme.com'],
        monthlyPool: 10_000,
        admins: [{ userId: 'ada', email: 'ada@acme.com', name: 'Ada Admin' }],
      }),
    );
    const orgId = org.id;
    const admin = actors.user(orgId, 'ada');
    await orThrow(allot.enroll({ actor: system, userId: 'bob', email: 'bob@acme.com', name: 'Bob Builder' }));
    await orThrow(allot.assign({ actor: admin, userId: 'bob', total: 1_000 }));
    print('Created Acme Corp, enrolled Bob and gave him 1000 credits (alert: below 10% remaining).');

    const { hold } = await orThrow(
      allot.reserve({
        actor: system,
        orgId,
        userId: 'bob',
        amount: 300,
        idempotencyKey: 'render-7',
        description: 'Video render',
      }),
    );
    await orThrow(
      allot.capture({
        actor: system,
        orgId,
        holdId: hold.id,
        amount: 240,
        idempotencyKey: 'render-7:done',
      }),
    );
    print('Reserved 300 for a render, captured the 240 it used (60 went back).');

    const used = await orThrow(
      allot.consume({ actor: system, orgId, userId: 'bob', amount: 700, idempotencyKey: 'export-1' }),
    );
    print(`Bob used 700 more: ${used.member.remaining} left, below 10% of 1000.`);
    // Billing granted more credits: the host's server (the system actor) tops the pool up.
    await orThrow(allot.topUp({ actor: system, orgId, amount: 2_000, reason: 'Launch week' }));
    print('Billing topped the pool up by 2000.');

    await drain(allot, forwarder);
    const journal = (await orThrow(allot.ledger({ actor: system, orgId, limit: 500 }))).items;

    print('');
    print(
      `The receiver answered ${receiver.deliveries.length} deliveries and processed ${receiver.events.length} events:`,
    );
    for (const [index, event] of receiver.events.entries()) {
      print(`  ${String(index + 1).padStart(2)}. ${event.type.padEnd(16)} ${describe(event)}`);
    }
    const failed = receiver.deliveries.filter((d) => d.status !== 200);
    for (const delivery of failed) {
      const retried = receiver.deliveries.some((d) => d.eventId === delivery.eventId && d.status === 200);
      print(
        `First try of ${delivery.eventId} got ${delivery.status}; ${retried ? 'redelivered with the same id and accepted' : 'not redelivered yet'}.`,
      );
    }
    return { journal, received: [...receiver.events], deliveries: [...receiver.deliveries] };
  } finally {
    await allot.events.stop();
    await store.close?.();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
