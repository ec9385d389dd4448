import { type ChildProcess, fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ChildTask, ParentMessage } from './child-protocol';
import { childRuntime } from './runtime';

/** What one export measured. */
export interface ExportRun {
  rows: number;
  bytes: number;
  seconds: number;
  maxRssMb: number;
  rssBeforeMb: number;
  liveHeap: { before: number; after: number };
}

const childPath = fileURLToPath(new URL('./child.ts', import.meta.url));

function start(task: ChildTask, nodeFlags: string[]): ChildProcess {
  return fork(childPath, [JSON.stringify(task)], {
    execArgv: [...nodeFlags, ...childRuntime().execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function next(child: ChildProcess): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`export child exited with ${code} before reporting`));
    child.once('exit', onExit);
    child.once('message', (message: ChildMessage) => {
      child.off('exit', onExit);
      resolve(message);
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
}

/** Counts the lines of an HTTP body as it streams, without keeping it. */
async function download(url: string): Promise<{ lines: number; bytes: number; status: number }> {
  const response = await fetch(url);
  let lines = 0;
  let bytes = 0;
  if (!response.body) return { lines, bytes, status: response.status };
  for await (const chunk of response.body) {
    bytes += chunk.byteLength;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return { lines, bytes, status: response.status };
}

/**
 * Runs one export in a fresh child process and returns its figures. In `express` mode the child
 * serves the router and this process downloads `GET /api/ledger.csv`, timing it end to end.
 * `nodeFlags` go to the child's Node (e.g. `--max-semi-space-size=16`).
 */
export async function runExportChild(task: ChildTask, nodeFlags: string[] = []): Promise<ExportRun> {
  const child = start(task, nodeFlags);
  try {
    if (task.mode === 'api') {
      const done = await next(child);
      if (done.type !== 'done') throw new Error(`unexpected message ${done.type}`);
      return done;
    }
    const listening = await next(child);
    if (listening.type !== 'listening') throw new Error(`unexpected message ${listening.type}`);
    const started = performance.now();
    const body = await download(`http://127.0.0.1:${listening.port}/api/ledger.csv`);
    const seconds = (performance.now() - started) / 1000;
    if (body.status !== 200) throw new Error(`GET /api/ledger.csv answered ${body.status}`);
    const finished = next(child);
    child.send({ type: 'finish' } satisfies ParentMessage);
    const done = await finished;
    if (done.type !== 'done') throw new Error(`unexpected message ${done.type}`);
    return {
      rows: body.lines - 1,
      bytes: body.bytes,
      seconds,
      maxRssMb: done.maxRssMb,
      rssBeforeMb: done.rssBeforeMb,
      liveHeap: done.liveHeap,
    };
  } catch (error) {
    child.kill();
    throw error;
  } finally {
    await exited(child);
  }
}
