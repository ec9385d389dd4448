// Event delivery across a SIGKILL on a fresh Postgres schema: the outbox is written in the command's transaction,
// so an event committed before a crash is delivered after the restart (at least once, by id).
// There is no memory version: an in-memory outbox dies with its process, so nothing can be
// delivered "after a restart" there — the memory adapter's dispatcher is covered by its own tests.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { StoreSpec } from '../support/store-spec';
import { freshSpec } from '../support/targets';
import { killAfterCommit, killDuringDelivery } from './events-crash';

describe('event delivery on postgres: a process SIGKILLed between commit and delivery', () => {
  let spec: StoreSpec;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    ({ spec, remove } = await freshSpec('postgres'));
  });
  afterAll(async () => {
    await remove?.();
  });

  it('delivers after a restart every event committed before the kill, each exactly once, none for a refused command', async () => {
    await killAfterCommit('postgres', spec);
  }, 30_000);

  it('redelivers the in-flight events of a kill mid-delivery once the lease runs out, and loses none', async () => {
    await killDuringDelivery('postgres', spec);
  }, 30_000);
});
