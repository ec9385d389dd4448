import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLine, exec } from '../harness/exec';
import type { RunResult } from '../harness/load';
import { Samples } from '../harness/load';
import { cliArgs, type PgServer } from './server';

/** The command line of a pgbench run, for the report (without the temporary log options). */
export function pgbenchCommand(server: PgServer, args: string[], database: string): string {
  return commandLine('pgbench', [...cliArgs(server), ...args, database]);
}

/** `pgbench -i` in `database`. */
export async function pgbenchInit(server: PgServer, database: string, scale: number): Promise<string> {
  const args = ['-i', '-q', '-s', String(scale)];
  await exec('pgbench', [...cliArgs(server), ...args, database]);
  return pgbenchCommand(server, args, database);
}

/**
 * Runs pgbench with `args` against `database`, logging every transaction to a temporary
 * directory to compute latency percentiles. TPS is pgbench's own figure (without the initial
 * connection time).
 */
export async function runPgbench(server: PgServer, database: string, args: string[]): Promise<RunResult> {
  const dir = await mkdtemp(join(tmpdir(), 'allot-pgbench-'));
  try {
    const { stdout } = await exec(
      'pgbench',
      [...cliArgs(server), ...args, '--log', `--log-prefix=${join(dir, 'tx')}`, database],
      { cwd: dir },
    );
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    const processed = /number of transactions actually processed: (\d+)/.exec(stdout);
    const failed = /number of failed transactions: (\d+)/.exec(stdout);
    if (!tps || !processed) throw new Error(`Unexpected pgbench output:\n${stdout}`);
    if (failed && Number(failed[1]) > 0) throw new Error(`pgbench reported failed transactions:\n${stdout}`);
    const samples = new Samples();
    for (const file of await readdir(dir)) {
      const text = await readFile(join(dir, file), 'utf8');
      for (const line of text.split('\n')) {
        // client_id transaction_no time(µs) script_no time_epoch time_us …
        const micros = Number(line.split(' ')[2]);
        if (Number.isFinite(micros) && line) samples.push(micros / 1000);
      }
    }
    const rate = Number(tps[1]);
    const ops = Number(processed[1]);
    return { ops, seconds: ops / rate, rate, latencies: samples.toArray() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
