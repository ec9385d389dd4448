import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAllot, type LedgerFilterInput } from '@allot/core';
import { createSqliteStore, migrate } from '@allot/sqlite';
import Database from 'better-sqlite3';
import type { BenchConfig } from '../config';
import { createBenchOrg, must, system } from '../harness/allot-setup';
import type { Log } from '../harness/log';
import type { MachineFacts } from '../harness/machine';
import type { CaseReport } from '../harness/model';
import { historyWindow } from '../scale/filters';
import { runScaleSuite } from '../scale/suite';
import type { ScaleTarget } from '../scale/target';
import { seedSqlite } from './seed';

const PREFIX = 'allot_';
const ORG = 'scale';

function where(filter: LedgerFilterInput): { clause: string; values: unknown[] } {
  const values: unknown[] = [ORG];
  const parts = ['org_id = ?'];
  if (filter.userId) {
    values.push(filter.userId);
    parts.push('user_id = ?');
  }
  const types = filter.type === undefined ? [] : Array.isArray(filter.type) ? filter.type : [filter.type];
  if (types.length > 0) {
    values.push(...types);
    parts.push(`type IN (${types.map(() => '?').join(', ')})`);
  }
  if (filter.from) {
    values.push(new Date(filter.from).toISOString());
    parts.push('at >= ?');
  }
  if (filter.to) {
    values.push(new Date(filter.to).toISOString());
    parts.push('at < ?');
  }
  return { clause: parts.join(' AND '), values };
}

function clockFrom(start: Date): () => Date {
  const offset = Date.now() - start.getTime();
  return () => new Date(Date.now() - offset);
}

/** Cases 4–6 on SQLite (a WAL file, synchronous=NORMAL): one organization, its journal seeded to each size. */
export async function sqliteScaleSuite(
  config: BenchConfig,
  _machine: MachineFacts,
  log: Log,
): Promise<CaseReport[]> {
  const dir = await mkdtemp(join(tmpdir(), 'allot-bench-sqlite-scale-'));
  const filename = join(dir, 'scale.db');
  let trace: ((sql: string) => void) | undefined;
  const database = new Database(filename, { verbose: (sql) => trace?.(String(sql)) });
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  try {
    await migrate({ database });
    const store = createSqliteStore({ database });
    const history = historyWindow(config.analyticsMonths);
    const setup = createAllot({ store, clock: clockFrom(history.from) });
    await createBenchOrg(setup, {
      orgId: ORG,
      members: config.analyticsMembers,
      allocation: 1_000_000_000_000,
    });
    const allot = createAllot({ store });
    const cache = new Map<string, Database.Statement>();
    const prepared = (sql: string) => {
      let statement = cache.get(sql);
      if (!statement) {
        statement = database.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    };
    const target: ScaleTarget = {
      name: 'SQLite',
      orgId: ORG,
      members: config.analyticsMembers,
      allot,
      seedDescription: `one transaction of prepared \`INSERT\`s appending to the journal (same plan as Postgres), then \`ANALYZE\`, growing to ${config.growthSizes.map((n) => n.toLocaleString('en-US')).join(' → ')} entries; WAL, synchronous=NORMAL`,
      async seed(count, batch) {
        seedSqlite(database, {
          prefix: PREFIX,
          orgId: ORG,
          members: config.analyticsMembers,
          count,
          batch,
          from: history.from,
          to: new Date(Date.now() - 60_000),
        });
      },
      async journalCount() {
        return prepared(`SELECT count(*) FROM ${PREFIX}journal WHERE org_id = ?`).pluck().get(ORG) as number;
      },
      async analyze() {
        database.exec('ANALYZE');
      },
      async handSummary(filter) {
        const { clause, values } = where(filter);
        prepared(
          `SELECT coalesce(sum(-amount) FILTER (WHERE type = 'usage'), 0) AS usage,
                  coalesce(sum(amount) FILTER (WHERE type = 'allocation'), 0) AS allocated,
                  coalesce(sum(-amount) FILTER (WHERE type = 'revocation'), 0) AS revoked,
                  coalesce(sum(amount) FILTER (WHERE type = 'refund'), 0) AS refunded
           FROM ${PREFIX}journal WHERE ${clause}`,
        ).get(...values);
      },
      async handFirstPage(filter, limit) {
        const { clause, values } = where(filter);
        prepared(`SELECT * FROM ${PREFIX}journal WHERE ${clause} ORDER BY at DESC, id DESC LIMIT ?`).all(
          ...values,
          limit,
        );
      },
      async exportBaseline() {
        const sql = `SELECT id, at, user_id, type, amount, balance_after, description, actor, request_id, usage_id, idempotency_key FROM ${PREFIX}journal WHERE org_id = ? ORDER BY at DESC, id DESC`;
        const started = performance.now();
        let rows = 0;
        let bytes = 0;
        for (const row of prepared(sql).raw().iterate(ORG) as Iterable<unknown[]>) {
          bytes += `${row.map((v) => (v === null ? '' : String(v))).join(',')}\r\n`.length;
          rows++;
        }
        if (bytes === 0 && rows > 0) throw new Error('export baseline produced no bytes');
        return {
          rows,
          seconds: (performance.now() - started) / 1000,
          command: `better-sqlite3 \`.raw().iterate()\` over \`${sql}\`, each row joined with commas into a CSV line (no quoting)`,
        };
      },
      childStore: { kind: 'sqlite', filename },
      async explain(filter, kind) {
        const seen: string[] = [];
        trace = (sql) => seen.push(sql);
        try {
          if (kind === 'summary') await must(allot.summary({ actor: system, orgId: ORG, filter }));
          else await must(allot.ledger({ actor: system, orgId: ORG, filter, limit: 50 }));
        } finally {
          trace = undefined;
        }
        const read = seen.find((s) => s.includes(`${PREFIX}journal`));
        if (!read) return '(no journal statement captured)';
        const plan = database.prepare(`EXPLAIN QUERY PLAN ${read}`).all() as { detail: string }[];
        return `${read}\n\n${plan.map((p) => p.detail).join('\n')}`;
      },
      async close() {},
    };
    log(
      `SQLite: organization with ${config.analyticsMembers} members created ${config.analyticsMonths} months back`,
    );
    return await runScaleSuite(target, history.from, config, log);
  } finally {
    database.close();
    await rm(dir, { recursive: true, force: true });
  }
}
