// Run by sqlite.schema.test.ts in a child process: from `startAt` (epoch ms, so the processes
// start together) it claims outbox events two at a time on a shared database file until none is
// due, and prints the claimed ids as JSON.
import { createSqliteStore } from './index';

const [filename, now, leaseUntil, startAt] = process.argv.slice(2) as [string, string, string, string];
const store = createSqliteStore({ filename }, { busyTimeoutMs: 10_000 });
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const ids: string[] = [];
for (;;) {
  const batch = await store.claimEvents({ now, leaseUntil, limit: 2 });
  if (batch.length === 0) break;
  ids.push(...batch.map((claimed) => claimed.event.id));
}
await store.close?.();
process.stdout.write(JSON.stringify(ids));
