import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConsumeResult, createAllot } from '@allot/core';
import { createPostgresStore, migrate } from '@allot/postgres';
import pg from 'pg';
import type { BenchConfig } from '../config';
import { createBenchOrg, must, system } from '../harness/allot-setup';
import { type RunResult, runAsyncLoad } from '../harness/load';
import type { Log } from '../harness/log';
import type { MachineFacts } from '../harness/machine';
import { measured } from '../harness/measure';
import { atLeast, type CaseReport, compare } from '../harness/model';
import { capturePool } from './capture';
import { consumeScript, describeStatements } from './consume-script';
import { pgbenchCommand, pgbenchInit, runPgbench } from './pgbench';
import { connectionString, dropDatabase, pgServer, recreateDatabase, serverFacts } from './server';

export const BENCH_DB = 'allot_bench';
const PGBENCH_DB = 'allot_bench_pgbench';
const SCHEMA = 'allot_bench';
// × 10,000 members must stay within the pool (Number.MAX_SAFE_INTEGER), or late members get nothing.
const ALLOCATION = 100_000_000_000;

/** Case 1: consume through the public API on Postgres against pgbench, spread and hot. */
export async function postgresConsumeCase(
  config: BenchConfig,
  machine: MachineFacts,
  log: Log,
): Promise<CaseReport> {
  const server = pgServer();
  const facts = await serverFacts(server);
  machine.PostgreSQL = facts.version ?? '?';
  for (const [k, v] of Object.entries(facts)) if (k !== 'version') machine[`postgres ${k}`] = v;
  const dir = await mkdtemp(join(tmpdir(), 'allot-bench-pg-'));
  await recreateDatabase(server, BENCH_DB);
  await recreateDatabase(server, PGBENCH_DB);
  const pool = new pg.Pool({ connectionString: connectionString(server, BENCH_DB), max: config.pgClients });
  // A connection dropped with the database at the end must not crash the run.
  pool.on('error', () => {});
  try {
    const initCommand = await pgbenchInit(server, PGBENCH_DB, config.pgbenchScale);
    log(`pgbench initialised (scale ${config.pgbenchScale})`);
    const capture = capturePool(pool);
    await migrate({ pool }, { schema: SCHEMA });
    const allot = createAllot({ store: createPostgresStore({ pool }, { schema: SCHEMA }) });
    const org = await createBenchOrg(allot, {
      orgId: 'pg-consume',
      members: config.spreadMembers,
      allocation: ALLOCATION,
      concurrency: config.pgClients,
    });
    log(`organization with ${config.spreadMembers} members enrolled`);
    await pool.query(`VACUUM ANALYZE`);

    // Capture what one consume sends (after a first one, so used, seq and amount all differ).
    await must(
      allot.consume({
        actor: system,
        orgId: org.orgId,
        userId: 'm0',
        amount: 5,
        idempotencyKey: 'capture-0',
        description: 'bench',
      }),
    );
    let consumed: ConsumeResult | undefined;
    const captured = await capture.record(async () => {
      consumed = await must(
        allot.consume({
          actor: system,
          orgId: org.orgId,
          userId: 'm0',
          amount: 7,
          idempotencyKey: 'capture-1',
          description: 'bench',
        }),
      );
    });
    if (!consumed) throw new Error('the captured consume returned nothing');
    const generated = consumeScript(captured, {
      orgId: org.orgId,
      userId: 'm0',
      key: 'capture-1',
      amount: 7,
      result: consumed,
    });
    const script = join(dir, 'consume.sql');
    await writeFile(script, generated.script);

    const load = [
      '-c',
      String(config.pgClients),
      '-j',
      String(config.pgThreads),
      '-T',
      String(config.pgSeconds),
    ];
    const tpcbArgs = ['-n', '-M', 'extended', '-b', 'tpcb-like', ...load];
    const defines = Object.entries(generated.defines).flatMap(([k, v]) => ['-D', `${k}=${v}`]);
    const customArgs = (members: number) => [
      '-n',
      '-M',
      'prepared',
      '-f',
      script,
      ...load,
      '-D',
      `org=${org.orgId}`,
      '-D',
      `members=${members}`,
      ...defines,
    ];
    const shownArgs = (members: number) =>
      customArgs(members)
        .map((a) => (a === script ? 'consume.sql' : a))
        .map((a) => (/^v\d+=/.test(a) ? `${a.split('=')[0]}=<captured>` : a));

    const runs = {
      tpcb: [] as RunResult[],
      sqlSpread: [] as RunResult[],
      apiSpread: [] as RunResult[],
      sqlHot: [] as RunResult[],
      apiHot: [] as RunResult[],
    };
    const apiLoad = (run: number, hot: boolean) =>
      runAsyncLoad({
        workers: config.pgClients,
        durationMs: config.pgSeconds * 1000,
        op: async (worker, i) => {
          const userId = hot ? 'm0' : (org.userIds[Math.floor(Math.random() * org.userIds.length)] as string);
          await must(
            allot.consume({
              actor: system,
              orgId: org.orgId,
              userId,
              amount: 1,
              idempotencyKey: `${hot ? 'hot' : 'spread'}-${run}-${worker}-${i}`,
              description: 'bench',
            }),
          );
        },
      });
    for (let run = 0; run < config.runs; run++) {
      const step = async (name: keyof typeof runs, fn: () => Promise<RunResult>) => {
        const r = await fn();
        runs[name].push(r);
        log(`postgres ${name} run ${run + 1}: ${Math.round(r.rate)} tps`);
      };
      await step('tpcb', () => runPgbench(server, PGBENCH_DB, tpcbArgs));
      await step('sqlSpread', () => runPgbench(server, BENCH_DB, customArgs(config.spreadMembers)));
      await step('apiSpread', () => apiLoad(run, false));
      await step('sqlHot', () => runPgbench(server, BENCH_DB, customArgs(1)));
      await step('apiHot', () => apiLoad(run, true));
    }

    const apiSpread = measured(
      `allot.consume(), ${config.pgClients} workers, pg.Pool(${config.pgClients})`,
      'ops/s',
      runs.apiSpread,
    );
    const apiHot = measured(`allot.consume(), ${config.pgClients} workers, one member`, 'ops/s', runs.apiHot);
    const tpcb = measured('pgbench tpcb-like', 'ops/s', runs.tpcb);
    const sqlSpread = measured("pgbench, the adapter's consume SQL", 'ops/s', runs.sqlSpread);
    const sqlHot = measured("pgbench, the adapter's consume SQL, one member", 'ops/s', runs.sqlHot);
    const spreadVsTpcb = apiSpread.value.median / tpcb.value.median;
    const hotVsSql = apiHot.value.median / sqlHot.value.median;
    return {
      id: '1',
      title: 'Consume throughput, Postgres',
      commands: [
        `pgbench baseline database: \`${initCommand}\``,
        `tpcb-like: \`${pgbenchCommand(server, tpcbArgs, PGBENCH_DB)}\``,
        `the adapter's SQL: \`${pgbenchCommand(server, shownArgs(config.spreadMembers), BENCH_DB)}\` (hot: \`-D members=1\`); consume.sql is generated from the statements captured from the adapter in this run (below); \`-M prepared\` because the adapter uses named prepared statements too`,
        `public API: ${config.pgClients} concurrent async workers calling \`allot.consume()\` (1 credit, a fresh idempotency key each) over one \`pg.Pool({ max: ${config.pgClients} })\` for ${config.pgSeconds} s; spread picks one of ${config.spreadMembers.toLocaleString('en-US')} members at random, hot always the same member`,
        `${config.runs} run(s) of each, interleaved (tpcb, SQL spread, API spread, SQL hot, API hot); database \`${BENCH_DB}\` (schema \`${SCHEMA}\`) and \`${PGBENCH_DB}\` are created for the run and dropped after it`,
      ],
      comparisons: [
        compare('spread over members vs tpcb-like', apiSpread, tpcb, [
          atLeast(spreadVsTpcb, 0.6, 'pgbench tpcb-like'),
        ]),
        compare("spread over members vs the adapter's SQL", apiSpread, sqlSpread, []),
        compare("one hot member vs the adapter's SQL", apiHot, sqlHot, [
          atLeast(hotVsSql, 0.5, "the adapter's SQL under pgbench"),
        ]),
      ],
      notes: [
        'What one `consume()` sends (captured from the pool during the run):',
        ['```sql', ...describeStatements(captured), '```'].join('\n'),
        'consume.sql, the pgbench script generated from them (`v1`, `v2`… are the captured fingerprint and result JSON):',
        ['```', generated.script.trim(), '```'].join('\n'),
      ],
    };
  } finally {
    await pool.end();
    await dropDatabase(server, BENCH_DB);
    await dropDatabase(server, PGBENCH_DB);
    await rm(dir, { recursive: true, force: true });
  }
}
