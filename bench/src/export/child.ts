// The export child process (case 6): opens the seeded store, exports every journal entry as CSV
// through the public API or serves it through the Express route, and reports its peak RSS, so
// the parent's seeding and bookkeeping never count towards the figure.
//
// Self-contained on purpose (packages and `import type` only, erasable syntax): with built
// packages it runs on plain `node` (type stripping), as a host app would; otherwise through tsx
// on the sources. It imports only what its mode needs, so the baseline RSS is that of a real app.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { AllotStore } from '@allot/core';
import type { ChildMessage, ChildStore, ChildTask, ParentMessage } from './child-protocol';

async function openStore(store: ChildStore): Promise<AllotStore> {
  if (store.kind === 'postgres') {
    const { createPostgresStore } = await import('@allot/postgres');
    return createPostgresStore(
      { connectionString: store.connectionString, poolConfig: { max: 2 } },
      { schema: store.schema },
    );
  }
  const { createSqliteStore } = await import('@allot/sqlite');
  return createSqliteStore({ filename: store.filename });
}

/**
 * Peak resident set size of this process, in MB. On Linux it is `VmHWM` from /proc/self/status:
 * `process.resourceUsage().maxRSS` (getrusage) keeps the high-water mark across exec, so a child
 * forked from a big parent would start at the parent's size.
 */
function maxRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** The live JS heap after a full collection (needs --expose-gc; otherwise the current heap). */
function liveHeapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) =>
    process.send?.(message, undefined, {}, (e) => (e ? reject(e) : resolve())),
  );
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

async function exportThroughApi(task: ChildTask, store: AllotStore): Promise<void> {
  const { actors, createAllot } = await import('@allot/core');
  const allot = createAllot({ store });
  const liveBefore = liveHeapMb();
  const rssBeforeMb = maxRssMb();
  const started = performance.now();
  const result = await allot.exportCsv({ actor: actors.system(), orgId: task.orgId, filter: {} });
  if (result.isErr()) throw new Error(`${result.error.code}: ${result.error.message}`);
  let lines = 0;
  let bytes = 0;
  for await (const chunk of result.value) {
    lines += countLines(chunk);
    bytes += Buffer.byteLength(chunk);
  }
  const seconds = (performance.now() - started) / 1000;
  const maxRss = maxRssMb();
  const liveHeap = { before: liveBefore, after: liveHeapMb() };
  await send({ type: 'done', rows: lines - 1, bytes, seconds, maxRssMb: maxRss, rssBeforeMb, liveHeap });
}

async function serveThroughExpress(task: ChildTask, store: AllotStore): Promise<void> {
  const [{ createAllot }, { createAllotRouter }, { default: express }] = await Promise.all([
    import('@allot/core'),
    import('@allot/express'),
    import('express'),
  ]);
  const allot = createAllot({ store });
  const app = express();
  app.use('/api', createAllotRouter({ allot, getActor: () => ({ orgId: task.orgId, userId: 'admin' }) }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const liveBefore = liveHeapMb();
  const rssBeforeMb = maxRssMb();
  const address = server.address();
  await send({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
  await new Promise<void>((resolve) =>
    process.on('message', (message: ParentMessage) => {
      if (message.type === 'finish') resolve();
    }),
  );
  const maxRss = maxRssMb();
  const liveHeap = { before: liveBefore, after: liveHeapMb() };
  await send({ type: 'done', rows: 0, bytes: 0, seconds: 0, maxRssMb: maxRss, rssBeforeMb, liveHeap });
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

const task = JSON.parse(process.argv[2] ?? '{}') as ChildTask;
const store = await openStore(task.store);
try {
  if (task.mode === 'api') await exportThroughApi(task, store);
  else await serveThroughExpress(task, store);
} finally {
  await store.close?.();
  process.disconnect?.();
}
