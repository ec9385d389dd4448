import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAllot } from '@allot/core';
import { createSqliteStore, migrate } from '@allot/sqlite';
import Database from 'better-sqlite3';
import type { BenchConfig } from '../config';
import { createBenchOrg, must, system } from '../harness/allot-setup';
import { type RunResult, runAsyncLoad, runSyncLoad } from '../harness/load';
import type { Log } from '../harness/log';
import type { MachineFacts } from '../harness/machine';
import { measured } from '../harness/measure';
import { atLeast, type CaseReport, type Comparison, compare } from '../harness/model';
import { createRawConsume, rawInsertSql, rawUpdateSql } from './raw-loop';

const MEMBERS = 1_000;
const ALLOCATION = 1_000_000_000;

type Sync = 'FULL' | 'NORMAL';
const TARGETS: Record<Sync, number> = { FULL: 0.7, NORMAL: 0.35 };

/** Opens a benchmark database file: WAL plus the given synchronous level. */
export function openBenchDatabase(file: string, synchronous: Sync): Database.Database {
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${synchronous}`);
  return database;
}

/** Case 2: consume through the public API on a SQLite file against a raw better-sqlite3 loop. */
export async function sqliteConsumeCase(
  config: BenchConfig,
  machine: MachineFacts,
  log: Log,
): Promise<CaseReport> {
  const dir = await mkdtemp(join(tmpdir(), 'allot-bench-sqlite-'));
  const comparisons: Comparison[] = [];
  try {
    for (const sync of ['FULL', 'NORMAL'] as const) {
      const database = openBenchDatabase(join(dir, `consume-${sync.toLowerCase()}.db`), sync);
      machine.SQLite = `${database.prepare('select sqlite_version() as v').pluck().get() as string} (better-sqlite3 13), WAL, file on ${dir}`;
      await migrate({ database });
      const store = createSqliteStore({ database });
      const allot = createAllot({ store });
      const org = await createBenchOrg(allot, {
        orgId: `sqlite-${sync.toLowerCase()}`,
        members: MEMBERS,
        allocation: ALLOCATION,
      });
      const raw = createRawConsume(database, org.orgId);
      const durationMs = config.sqliteSeconds * 1000;
      const rawRuns: RunResult[] = [];
      const apiRuns: RunResult[] = [];
      for (let run = 0; run < config.runs; run++) {
        const rawRun = runSyncLoad({
          durationMs,
          op: (i) => raw(org.userIds[i % MEMBERS] as string, 1, `raw-${run}-${i}`),
        });
        rawRuns.push(rawRun);
        log(`sqlite ${sync} raw loop run ${run + 1}: ${Math.round(rawRun.rate)} ops/s`);
        const apiRun = await runAsyncLoad({
          workers: 1,
          durationMs,
          op: async (_w, i) => {
            await must(
              allot.consume({
                actor: system,
                orgId: org.orgId,
                userId: org.userIds[i % MEMBERS] as string,
                amount: 1,
                idempotencyKey: `api-${run}-${i}`,
                description: 'bench',
              }),
            );
          },
        });
        apiRuns.push(apiRun);
        log(`sqlite ${sync} public API run ${run + 1}: ${Math.round(apiRun.rate)} ops/s`);
      }
      await store.close?.();
      database.close();
      const subject = measured(`allot.consume() on @allot/sqlite, synchronous=${sync}`, 'ops/s', apiRuns);
      const baseline = measured(`raw better-sqlite3 loop, synchronous=${sync}`, 'ops/s', rawRuns);
      const ratio = subject.value.median / baseline.value.median;
      comparisons.push(
        compare(`consume, WAL + synchronous=${sync}`, subject, baseline, [
          atLeast(ratio, TARGETS[sync], `raw loop (${sync})`),
        ]),
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return {
    id: '2',
    title: 'Consume throughput, SQLite',
    commands: [
      `a fresh database file per synchronous level in ${tmpdir()}, \`PRAGMA journal_mode=WAL\`, \`PRAGMA synchronous=FULL|NORMAL\`, migrated with \`migrate()\`, one organization of ${MEMBERS} members enrolled through the public API`,
      `${config.runs} run(s) of ${config.sqliteSeconds} s each, one caller, consumes of 1 credit cycling over the members; raw loop and public API alternate run by run on the same database connection`,
      `baseline: \`db.transaction(fn).immediate()\` running two prepared statements: \`${rawUpdateSql('allot_').replace(/\s+/g, ' ')}\` then \`${rawInsertSql('allot_').replace(/\s+/g, ' ')}\``,
    ],
    comparisons,
    notes: [],
  };
}
