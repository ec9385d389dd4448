// The export child process (case 6): opens the seeded store, exports every journal entry as CSV
// through the public API or serves it through the Express route, and reports its peak RSS, so
// the parent's seeding and bookkeeping never count towards the figure.
import { performance } from 'node:perf_hooks';
import { type AllotStore, createAllot } from '@allot/core';
import { createAllotRouter } from '@allot/express';
import { createPostgresStore } from '@allot/postgres';
import { createSqliteStore } from '@allot/sqlite';
import express from 'express';
import { must, system } from '../harness/allot-setup';
import type { ChildMessage, ChildStore, ChildTask, ParentMessage } from './child-protocol';

function openStore(store: ChildStore): AllotStore {
  return store.kind === 'postgres'
    ? createPostgresStore({ connectionString: store.connectionString, poolConfig: { max: 2 } }, { schema: store.schema })
    : createSqliteStore({ filename: store.filename });
}

function maxRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => process.send?.(message, undefined, {}, (e) => (e ? reject(e) : resolve())));
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

async function exportThroughApi(task: ChildTask, store: AllotStore): Promise<void> {
  const allot = createAllot({ store });
  const rssBeforeMb = maxRssMb();
  const started = performance.now();
  const chunks = await must(allot.exportCsv({ actor: system, orgId: task.orgId, filter: {} }));
  let lines = 0;
  let bytes = 0;
  for await (const chunk of chunks) {
    lines += countLines(chunk);
    bytes += Buffer.byteLength(chunk);
  }
  const seconds = (performance.now() - started) / 1000;
  await send({ type: 'done', rows: lines - 1, bytes, seconds, maxRssMb: maxRssMb(), rssBeforeMb });
}

async function serveThroughExpress(task: ChildTask, store: AllotStore): Promise<void> {
  const allot = createAllot({ store });
  const app = express();
  app.use('/api', createAllotRouter({ allot, getActor: () => ({ orgId: task.orgId, userId: 'admin' }) }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const rssBeforeMb = maxRssMb();
  const address = server.address();
  await send({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
  await new Promise<void>((resolve) =>
    process.on('message', (message: ParentMessage) => {
      if (message.type === 'finish') resolve();
    }),
  );
  await send({ type: 'done', rows: 0, bytes: 0, seconds: 0, maxRssMb: maxRssMb(), rssBeforeMb });
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

const task = JSON.parse(process.argv[2] ?? '{}') as ChildTask;
const store = openStore(task.store);
try {
  if (task.mode === 'api') await exportThroughApi(task, store);
  else await serveThroughExpress(task, store);
} finally {
  await store.close?.();
  process.disconnect?.();
}
