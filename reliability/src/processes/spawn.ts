import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The reliability package's root (its node_modules has tsx). */
const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A worker process and ways to talk to it. */
export interface Worker<In, Out> {
  child: ChildProcess;
  send(message: In): void;
  /** The next message that satisfies `match` (rejects if the process exits first). */
  next<M extends Out>(match: (message: Out) => message is M, timeoutMs?: number): Promise<M>;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `script` (a TypeScript file under src/) in its own Node process, run with tsx against
 * the workspace sources (`--conditions=@allot/source`), with an IPC channel. Its stdout and
 * stderr go to the test's output.
 */
export function startWorker<In, Out>(script: string, args: string[] = []): Worker<In, Out> {
  const child = fork(script, args, {
    cwd: PACKAGE_DIR,
    execArgv: [
      '--conditions=@allot/source',
      '--import',
      'tsx',
      // RELIABILITY_DEBUG: `kill -USR2 <pid>` writes a diagnostic report (JS and native stacks) to /tmp.
      ...(process.env.RELIABILITY_DEBUG
        ? ['--report-on-signal', '--report-directory=/tmp/allot-reports']
        : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const inbox: Out[] = [];
  const waiters = new Set<() => void>();
  child.on('message', (message) => {
    inbox.push(message as Out);
    for (const wake of waiters) wake();
  });
  let ended = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      ended = true;
      resolve({ code, signal });
      for (const wake of waiters) wake();
    });
  });

  return {
    child,
    exited,
    send(message) {
      child.send(message as object);
    },
    next<M extends Out>(match: (message: Out) => message is M, timeoutMs = 30_000): Promise<M> {
      return new Promise<M>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`worker ${script} sent no expected message within ${timeoutMs} ms`));
        }, timeoutMs);
        function check() {
          const index = inbox.findIndex(match);
          if (index >= 0) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(inbox.splice(index, 1)[0] as M);
          } else if (ended) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(
              new Error(`worker ${script} exited (code ${child.exitCode}, signal ${child.signalCode}) first`),
            );
          }
        }
        waiters.add(check);
        check();
      });
    },
  };
}

/** Ends a worker that is still running (SIGKILL) and waits until it is gone. */
export async function stopWorker(worker: Worker<unknown, unknown>): Promise<void> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
  await worker.exited;
}
