import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster';

async function query(url: string, sql: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ value: string }>(sql);
    return rows[0]?.value;
  } finally {
    await client.end();
  }
}

describe('a private cluster', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ settings: { max_connections: '50' } });
  });
  afterAll(() => cluster.dispose());

  it('serves PostgreSQL on its own port with trust auth and the settings it was given', async () => {
    expect(cluster.url).toBe(`postgres://postgres@127.0.0.1:${cluster.port}/postgres`);
    expect(await query(cluster.url, `select current_setting('max_connections') as value`)).toBe('50');
    expect(await query(cluster.url, `select current_setting('server_encoding') as value`)).toBe('UTF8');
  });

  it('survives a SIGKILL and a restart with its committed data', async () => {
    await query(cluster.url, 'create table kept (value text)');
    await query(cluster.url, `insert into kept values ('yes')`);
    await cluster.kill();
    await expect(query(cluster.url, 'select 1 as value')).rejects.toThrow();
    await cluster.restart();
    expect(await query(cluster.url, 'select value from kept')).toBe('yes');
  });

  it('stops and starts again, and its folder goes with dispose', async () => {
    await cluster.stop();
    await expect(query(cluster.url, 'select 1 as value')).rejects.toThrow();
    await cluster.restart();
    expect(await query(cluster.url, `select 'again' as value`)).toBe('again');
    const other = await startCluster();
    expect(other.port).not.toBe(cluster.port);
    await other.dispose();
    expect(existsSync(other.dataDir)).toBe(false);
  });
});
