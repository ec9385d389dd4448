// Run by sqlite.schema.test.ts in a child process: consumes 2 credits `count` times on a shared
// database file and prints how many consumes succeeded.
import { randomUUID } from 'node:crypto';
import { actors, createAllot } from '@allot/core';
import { createSqliteStore } from './index';

const [filename, orgId, userId, count] = process.argv.slice(2) as [string, string, string, string];
const store = createSqliteStore({ filename }, { busyTimeoutMs: 10_000 });
const allot = createAllot({ store });
const results = await Promise.all(
  Array.from({ length: Number(count) }, () =>
    allot.consume({
      actor: actors.system(),
      orgId,
      userId,
      amount: 2,
      idempotencyKey: randomUUID(),
      description: 'job',
    }),
  ),
);
await store.close?.();
process.stdout.write(String(results.filter((r) => r.isOk()).length));
