// An event-crash worker. It runs the script's commands on its organization, reports what committed
// (once the report is on the IPC channel), then either waits to be SIGKILLed by the parent with
// every event still undelivered (`after-commit`), or subscribes and SIGKILLs itself while
// handling its `killAt`-th event (`in-delivery`), each handled event fsync'd to a log first.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { type AllotEvent, createAllot } from '@allot/core';
import { openSpec, type StoreSpec } from '../support/store-spec';
import { runScript, type ScriptResult } from './script';

export interface EventsJob {
  spec: StoreSpec;
  orgId: string;
  mode: 'after-commit' | 'in-delivery';
  /** `in-delivery`: the log of handled events. */
  logPath: string;
  /** `in-delivery`: the 1-based number of the event during which the worker kills itself. */
  killAt: number;
  leaseMs: number;
  batchSize: number;
}

/** A message from the worker. */
export type EventsMessage = { kind: 'committed'; result: ScriptResult };

/** One line of the delivery log. */
export type DeliveryLine =
  | { kind: 'subscribed'; at: number }
  | { kind: 'handled'; n: number; at: number; event: AllotEvent };

/** Appends a line and fsyncs it before returning. */
function appendDurably(fd: number, line: DeliveryLine): void {
  writeSync(fd, `${JSON.stringify(line)}\n`);
  fsyncSync(fd);
}

/** Sends a message and resolves once it is written to the channel (a kill after it cannot lose it). */
function report(message: EventsMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    process.send?.(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

process.once('message', async (job: EventsJob) => {
  const store = openSpec(job.spec);
  const allot = createAllot({ store, events: { leaseMs: job.leaseMs, batchSize: job.batchSize } });
  const result = await runScript(allot, job.orgId);
  // No subscriber yet: this only waits for the post-commit pool-alert checks; nothing is delivered.
  await allot.events.flush();
  await report({ kind: 'committed', result });
  if (job.mode === 'after-commit') {
    setInterval(() => {}, 60_000); // stay alive until the parent's SIGKILL
    return;
  }
  const fd = openSync(job.logPath, 'a');
  appendDurably(fd, { kind: 'subscribed', at: Date.now() });
  let n = 0;
  allot.on('*', (event) => {
    n += 1;
    appendDurably(fd, { kind: 'handled', n, at: Date.now(), event });
    if (n === job.killAt) process.kill(process.pid, 'SIGKILL');
  });
  await allot.events.flush();
  // Fewer events than killAt: the parent sees a clean exit and fails the round.
  closeSync(fd);
  await allot.events.stop();
  await store.close?.();
  process.exit(0);
});
