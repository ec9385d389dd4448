import { performance } from 'node:perf_hooks';

/** What one timed run measured. */
export interface RunResult {
  /** Operations completed inside the measured window. */
  ops: number;
  seconds: number;
  /** ops / seconds. */
  rate: number;
  /** Per-operation latency in milliseconds. */
  latencies: Float64Array;
  /** CPU time this process used during the run, as a share of one core (0–2 on two cores). */
  cpu?: number;
}

/** CPU time used since `start` (from process.cpuUsage()) over `seconds` of wall time. */
function cpuShare(start: NodeJS.CpuUsage, seconds: number): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6 / seconds;
}

/** A growable list of numbers. */
export class Samples {
  private data = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

export interface AsyncLoad {
  /** Concurrent workers, each running `op` back to back. */
  workers: number;
  durationMs: number;
  /** One operation; `worker` is 0-based, `i` counts that worker's operations. Throws to abort the run. */
  op: (worker: number, i: number) => Promise<void>;
}

/** Runs `workers` concurrent loops of `op` for `durationMs` and times every operation. */
export async function runAsyncLoad({ workers, durationMs, op }: AsyncLoad): Promise<RunResult> {
  const samples = new Samples();
  let ops = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        await op(worker, i);
        samples.push(performance.now() - t0);
        ops++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { ops, seconds, rate: ops / seconds, latencies: samples.toArray(), cpu: cpuShare(cpu, seconds) };
}

export interface SyncLoad {
  durationMs: number;
  op: (i: number) => void;
}

/** Runs a synchronous `op` back to back for `durationMs`, timing every operation. */
export function runSyncLoad({ durationMs, op }: SyncLoad): RunResult {
  const samples = new Samples();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const deadline = start + durationMs;
  let i = 0;
  while (performance.now() < deadline) {
    const t0 = performance.now();
    op(i++);
    samples.push(performance.now() - t0);
  }
  const seconds = (performance.now() - start) / 1000;
  return { ops: i, seconds, rate: i / seconds, latencies: samples.toArray(), cpu: cpuShare(cpu, seconds) };
}

/**
 * Times `a` and `b` alternately, call by call, up to `count` times each (at least `min`, then
 * stopping once `budgetMs` has passed), so background noise hits both alike.
 */
export async function timeInterleaved(
  count: number,
  budgetMs: number,
  a: () => Promise<void>,
  b: () => Promise<void>,
  min = 5,
): Promise<[Float64Array, Float64Array]> {
  const samples = [new Samples(), new Samples()] as const;
  const deadline = performance.now() + budgetMs;
  for (let i = 0; i < count && (i < min || performance.now() < deadline); i++) {
    const [first, second] = i % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const);
    for (const which of [first, second]) {
      const t0 = performance.now();
      await (which === 0 ? a() : b());
      samples[which].push(performance.now() - t0);
    }
  }
  return [samples[0].toArray(), samples[1].toArray()];
}

/** Times `op` `count` times one after another (for latency percentiles of reads). */
export async function timeEach(count: number, op: (i: number) => Promise<void>): Promise<Float64Array> {
  const samples = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await op(i);
    samples[i] = performance.now() - t0;
  }
  return samples;
}
