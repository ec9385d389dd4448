import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ParentMessage, ServerMessage, ServerTask } from './protocol';

/** How long a child may take to close its server and exit before it is killed. */
const STOP_TIMEOUT_MS = 10_000;

const childPath = fileURLToPath(new URL('./server-child.ts', import.meta.url));

/** A server child that is listening. */
export interface ServerChild {
  port: number;
  /** CPU time (microseconds) the child has used so far. */
  cpuMicros(): Promise<number>;
  /** Closes the server and waits for the child to exit. */
  stop(): Promise<void>;
}

function next<T extends ServerMessage['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<ServerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`server child exited with ${code}`));
    const onMessage = (message: ServerMessage) => {
      if (message.type !== type) return;
      child.off('exit', onExit).off('message', onMessage);
      resolve(message as Extract<ServerMessage, { type: T }>);
    };
    child.once('exit', onExit).on('message', onMessage);
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
}

/**
 * Forks a server child on the sources through tsx (the code measured is the same JavaScript a
 * build would hold). `nodeFlags` go to its Node (e.g. `--cpu-prof`).
 */
export async function startServer(task: ServerTask, nodeFlags: string[] = []): Promise<ServerChild> {
  const child = fork(childPath, [JSON.stringify(task)], {
    execArgv: [...nodeFlags, '--conditions=@allot/source', '--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const send = (message: ParentMessage) => child.send(message);
  try {
    const { port } = await next(child, 'listening');
    return {
      port,
      async cpuMicros() {
        const answer = next(child, 'cpu');
        send({ type: 'cpu' });
        return (await answer).micros;
      },
      async stop() {
        send({ type: 'finish' });
        const timer = setTimeout(() => child.kill(), STOP_TIMEOUT_MS);
        await exited(child);
        clearTimeout(timer);
      },
    };
  } catch (error) {
    child.kill();
    await exited(child);
    throw error;
  }
}
