import { type Allot, createAllot, type LedgerFilterInput } from '@allot/core';
import { createPostgresStore, migrate } from '@allot/postgres';
import pg from 'pg';
import type { BenchConfig } from '../config';
import { createBenchOrg, must, system } from '../harness/allot-setup';
import { commandLine } from '../harness/exec';
import type { Log } from '../harness/log';
import type { MachineFacts } from '../harness/machine';
import type { CaseReport } from '../harness/model';
import { countOutputLines } from '../harness/stream-lines';
import { historyWindow } from '../scale/filters';
import { runScaleSuite } from '../scale/suite';
import type { ScaleTarget } from '../scale/target';
import { capturePool } from './capture';
import { copySql, type HandStatement, handPageSql, handSummarySql } from './hand-sql';
import { seedPostgres } from './seed';
import { cliArgs, connectionString, dropDatabase, pgServer, recreateDatabase } from './server';

const DATABASE = 'allot_bench_scale';
const SCHEMA = 'allot_bench';
const ORG = 'scale';

/** A clock that started at `start` and runs at real speed. */
function clockFrom(start: Date): () => Date {
  const offset = Date.now() - start.getTime();
  return () => new Date(Date.now() - offset);
}

/** Cases 4–6 on Postgres: one organization, its journal seeded to each size in turn. */
export async function postgresScaleSuite(
  config: BenchConfig,
  _machine: MachineFacts,
  log: Log,
): Promise<CaseReport[]> {
  const server = pgServer();
  await recreateDatabase(server, DATABASE);
  const url = connectionString(server, DATABASE);
  const pool = new pg.Pool({ connectionString: url, max: config.pgClients });
  // A connection dropped with the database at the end must not crash the run.
  pool.on('error', () => {});
  const capture = capturePool(pool);
  try {
    await migrate({ pool }, { schema: SCHEMA });
    const store = createPostgresStore({ pool }, { schema: SCHEMA });
    const history = historyWindow(config.analyticsMonths);
    const setup = createAllot({ store, clock: clockFrom(history.from) });
    await createBenchOrg(setup, {
      orgId: ORG,
      members: config.analyticsMembers,
      allocation: 1_000_000_000_000,
      concurrency: config.pgClients,
    });
    const allot = createAllot({ store });
    log(
      `Postgres: organization with ${config.analyticsMembers} members created ${config.analyticsMonths} months back`,
    );

    const run = async (s: HandStatement) => {
      await pool.query({ name: s.name, text: s.text, values: s.values });
    };
    const target: ScaleTarget = {
      name: 'Postgres',
      orgId: ORG,
      members: config.analyticsMembers,
      allot,
      seedDescription: `\`INSERT … SELECT … FROM generate_series\` appending to the journal (chains, balances, member and pool rows kept consistent; types 85 % usage, 5 % each allocation / refund / revocation; times uniform over ${config.analyticsMonths} months), then \`VACUUM ANALYZE\`, growing to ${config.growthSizes.map((n) => n.toLocaleString('en-US')).join(' → ')} entries`,
      async seed(count, batch) {
        const client = await pool.connect();
        try {
          await seedPostgres(client, {
            schema: SCHEMA,
            orgId: ORG,
            members: config.analyticsMembers,
            count,
            batch,
            from: history.from,
            to: new Date(Date.now() - 60_000),
          });
        } finally {
          client.release();
        }
      },
      async journalCount() {
        const { rows } = await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM "${SCHEMA}".journal WHERE org_id = $1`,
          [ORG],
        );
        return Number(rows[0]?.n ?? 0);
      },
      async analyze() {
        await pool.query(`VACUUM ANALYZE "${SCHEMA}".journal`);
        await pool.query(`VACUUM ANALYZE "${SCHEMA}".members`);
      },
      handSummary: (filter) => run(handSummarySql(SCHEMA, ORG, filter)),
      handFirstPage: (filter, limit) => run(handPageSql(SCHEMA, ORG, filter, limit)),
      async exportBaseline() {
        const args = [...cliArgs(server), '-d', DATABASE, '-X', '-q', '-c', copySql(SCHEMA, ORG)];
        const result = await countOutputLines('psql', args);
        return { rows: result.lines - 1, seconds: result.seconds, command: commandLine('psql', args) };
      },
      childStore: { kind: 'postgres', connectionString: url, schema: SCHEMA },
      explain: (filter, kind) => explainAdapterRead(pool, capture, allot, filter, kind),
      async close() {},
    };
    return await runScaleSuite(target, history.from, config, log);
  } finally {
    await pool.end();
    await dropDatabase(server, DATABASE);
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of the statement the adapter sends for one read, captured live. */
async function explainAdapterRead(
  pool: pg.Pool,
  capture: ReturnType<typeof capturePool>,
  allot: Allot,
  filter: LedgerFilterInput,
  kind: 'summary' | 'page',
): Promise<string> {
  const statements = await capture.record(() =>
    kind === 'summary'
      ? must(allot.summary({ actor: system, orgId: ORG, filter }))
      : must(allot.ledger({ actor: system, orgId: ORG, filter, limit: 50 })),
  );
  const read = statements.find((s) => s.text.includes('"journal"'));
  if (!read) return '(no journal statement captured)';
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${read.text}`,
    read.values,
  );
  return `${read.text}\n\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`;
}
