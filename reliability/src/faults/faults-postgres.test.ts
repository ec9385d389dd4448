import { actors, createAllot } from '@allot/core';
import { createPostgresStore, migrate } from '@allot/postgres';
import { checkInvariants, fundedOrg } from '@allot/testkit';
import pg from 'pg';
import { startCluster, startFaultProxy } from 'test-env';
import { expect, it } from 'vitest';
import { startWorker } from '../processes/spawn';
import { recordFigures, tally } from '../support/figures';
import type { FaultJob, FaultReport } from './protocol';

const WORKERS = 3;
const LOAD_MS = 20_000;
const SCHEMA = 'allot_faults';

// Several processes write through a TCP fault proxy to a private PostgreSQL while this test
// terminates their backends, cuts connections right before and right after COMMIT, drops every
// connection, and kills the server (SIGKILL) and starts it again. Afterwards: no process died,
// every error was typed, nothing acknowledged is missing, nothing is applied twice, the
// invariants hold, and the store answers again without a restart.
it('under load across processes, database faults cost no credit, no process and no restart', async () => {
  const started = Date.now();
  const figures = tally();
  const cluster = await startCluster({ settings: { max_connections: '100' } });
  const proxy = await startFaultProxy({ host: '127.0.0.1', port: cluster.port });
  const admin = new pg.Pool({ connectionString: cluster.url, max: 2 });
  admin.on('error', () => {});
  try {
    await migrate({ pool: admin }, { schema: SCHEMA });
    const direct = createPostgresStore({ pool: admin }, { schema: SCHEMA });
    const { orgId, userIds } = await fundedOrg(direct, { members: 6, allocation: 100_000 });

    const workers = Array.from({ length: WORKERS }, (_, worker) => {
      const w = startWorker<FaultJob, FaultReport>('src/faults/faults-worker.ts');
      w.send({ url: proxy.url(), schema: SCHEMA, orgId, userIds, worker, durationMs: LOAD_MS });
      return w;
    });
    const reports = Promise.all(
      workers.map((w) => w.next((m): m is FaultReport => m.kind === 'report', LOAD_MS + 90_000)),
    );

    const injected: Record<string, number> = {};
    const inject = async (name: string, fault: () => Promise<unknown> | unknown) => {
      injected[name] = (injected[name] ?? 0) + 1;
      await fault();
    };
    const faults: [string, () => Promise<unknown> | unknown][] = [
      [
        'backends terminated',
        () =>
          admin.query(
            `select pg_terminate_backend(pid) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()`,
          ),
      ],
      ['cut after COMMIT sent', () => proxy.cutCommits(3, 'after-commit-sent')],
      ['cut before COMMIT sent', () => proxy.cutCommits(2, 'before-commit-sent')],
      ['all connections dropped', () => proxy.dropAll()],
      ['cut after COMMIT sent', () => proxy.cutCommits(3, 'after-commit-sent')],
      [
        'server killed and restarted',
        async () => {
          await cluster.kill();
          await new Promise((resolve) => setTimeout(resolve, 400));
          await cluster.restart();
        },
      ],
    ];
    for (let i = 0; Date.now() - started < LOAD_MS - 1_000; i++) {
      await new Promise((resolve) => setTimeout(resolve, 600));
      const [name, fault] = faults[i % faults.length] as [string, () => Promise<unknown> | unknown];
      await inject(name, fault).catch(() => {}); // a terminate during a restart may fail; it still counts
    }
    const results = await reports;
    const exits = await Promise.all(workers.map((w) => w.exited));
    figures.faults = Object.values(injected).reduce((a, b) => a + b, 0);

    // No process died; every error was a typed store error.
    expect(exits.map((e) => e.code)).toEqual(workers.map(() => 0));
    expect(results.flatMap((r) => r.untyped)).toEqual([]);
    figures.operations = results.reduce((sum, r) => sum + r.calls, 0);

    // Nothing acknowledged is missing, nothing applied twice.
    /** How many journal entries of `type` carry each value of `column` (the key, or the top-up's tag). */
    const countsBy = async (column: 'idempotency_key' | 'description', type: string) => {
      const { rows } = await admin.query<{ value: string; n: string }>(
        `select ${column} as value, count(*) as n from "${SCHEMA}".journal where org_id = $1 and type = $2 group by ${column}`,
        [orgId, type],
      );
      return new Map(rows.map((r) => [r.value, Number(r.n)]));
    };
    const usages = await countsBy('idempotency_key', 'usage');
    const tags = await countsBy('description', 'top_up');
    const consumed = results.flatMap((r) => r.consumed);
    const toppedUp = results.flatMap((r) => r.toppedUp);
    const lostConsumes = consumed.filter((key) => usages.get(key) !== 1);
    const doubledConsumes = [...usages.values()].filter((n) => n > 1).length;
    const lostTopUps = toppedUp.filter((tag) => tags.get(tag) !== 1);
    const doubledTopUps = [...tags.values()].filter((n) => n > 1).length;
    const known = new Set([...toppedUp, ...results.flatMap((r) => r.unknownTopUps)]);
    const phantomTopUps = [...tags.keys()].filter((tag) => !known.has(tag));
    expect({ lostConsumes, doubledConsumes, lostTopUps, doubledTopUps, phantomTopUps }).toEqual({
      lostConsumes: [],
      doubledConsumes: 0,
      lostTopUps: [],
      doubledTopUps: 0,
      phantomTopUps: [],
    });

    // The invariants hold, and a fresh call through the proxy succeeds (the store recovered).
    figures.invariantChecks++;
    expect(await checkInvariants(direct, orgId)).toEqual([]);
    const after = createPostgresStore({ connectionString: proxy.url() }, { schema: SCHEMA });
    const again = await createAllot({ store: after, events: false }).topUp({
      actor: actors.system(),
      orgId,
      amount: 1,
    });
    expect(again.isOk()).toBe(true);
    await after.close?.();

    const codes: Record<string, number> = {};
    for (const r of results)
      for (const [code, n] of Object.entries(r.codes)) codes[code] = (codes[code] ?? 0) + n;
    figures.notes =
      `${WORKERS} processes; faults: ${Object.entries(injected)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}; ` +
      `${consumed.length} consumes and ${toppedUp.length} unkeyed top-ups acknowledged; typed errors: ` +
      `${
        Object.entries(codes)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ') || 'none'
      }; ` +
      `${results.reduce((s, r) => s + r.unknownTopUps.length, 0)} top-ups answered outcome_unknown; ` +
      '0 lost, 0 doubled, 0 crashes';
    expect(figures.faults).toBeGreaterThan(20);
    expect(consumed.length).toBeGreaterThan(100);
  } catch (error) {
    figures.failures++;
    throw error;
  } finally {
    recordFigures('database faults', 'postgres', figures, Date.now() - started);
    await admin.end();
    await proxy.close();
    await cluster.dispose();
  }
}, 150_000);
