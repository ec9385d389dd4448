/** How big and how long each case runs. `--quick` is the CI smoke version. */
export interface BenchConfig {
  quick: boolean;
  /** Repetitions of every timed measurement (the report gives their median and min–max). */
  runs: number;
  /** Seconds per Postgres throughput run (pgbench -T and the Node load alike). */
  pgSeconds: number;
  /** Seconds per SQLite throughput run. */
  sqliteSeconds: number;
  /** Seconds per memory throughput run. */
  memorySeconds: number;
  /** Members the Postgres "spread" workload picks from at random. */
  spreadMembers: number;
  /** Concurrent clients for Postgres (the Node pool size, pgbench -c). */
  pgClients: number;
  /** pgbench -j. */
  pgThreads: number;
  /** pgbench -s for the tpcb-like baseline (≥ clients, as pgbench's documentation advises). */
  pgbenchScale: number;
  /** Journal sizes at which consume latency is measured (case 4); the last one is also what cases 5 and 6 read and export. */
  growthSizes: number[];
  /** Sequential consumes timed at each journal size. */
  growthOps: number;
  /** Members and months the seeded journal spreads over (cases 4–6). */
  analyticsMembers: number;
  analyticsMonths: number;
  /** Timed repetitions of each analytics query. */
  analyticsReps: number;
  /** Repetitions of each HTTP measurement (case 7: 14 servers a run, so fewer than `runs`). */
  httpRuns: number;
  /** Seconds autocannon measures each server for, after `httpWarmupSeconds` of warm-up. */
  httpSeconds: number;
  httpWarmupSeconds: number;
  /** autocannon's keep-alive connections (no pipelining). */
  httpConnections: number;
}

export function configFor(quick: boolean): BenchConfig {
  if (quick) {
    return {
      quick,
      runs: 1,
      pgSeconds: 3,
      sqliteSeconds: 2,
      memorySeconds: 1,
      spreadMembers: 1_000,
      pgClients: 8,
      pgThreads: 2,
      pgbenchScale: 8,
      growthSizes: [10_000, 100_000],
      growthOps: 300,
      analyticsMembers: 1_000,
      analyticsMonths: 12,
      analyticsReps: 20,
      httpRuns: 1,
      httpSeconds: 1.5,
      httpWarmupSeconds: 0.5,
      httpConnections: 10,
    };
  }
  return {
    quick,
    runs: 3,
    pgSeconds: 10,
    sqliteSeconds: 5,
    memorySeconds: 3,
    spreadMembers: 10_000,
    pgClients: 8,
    pgThreads: 2,
    pgbenchScale: 8,
    growthSizes: [10_000, 100_000, 1_000_000],
    growthOps: 2_000,
    analyticsMembers: 1_000,
    analyticsMonths: 12,
    analyticsReps: 100,
    httpRuns: 2,
    httpSeconds: 2,
    httpWarmupSeconds: 1,
    httpConnections: 10,
  };
}
