import pg from 'pg';

/**
 * Where the benchmark's PostgreSQL is: `ALLOT_BENCH_PG_URL`, else `ALLOT_TEST_PG_URL` (what CI
 * sets), else the local trust-auth server. The role must be allowed to create databases.
 */
export interface PgServer {
  host: string;
  port: number;
  user: string;
  /** An existing database to connect to for CREATE / DROP DATABASE. */
  adminDatabase: string;
}

export function pgServer(): PgServer {
  const url = new URL(
    process.env.ALLOT_BENCH_PG_URL ??
      process.env.ALLOT_TEST_PG_URL ??
      'postgres://postgres@127.0.0.1:5432/test',
  );
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    adminDatabase: url.pathname.replace(/^\//, '') || 'postgres',
  };
}

/** Connection string for one database on the server. */
export function connectionString(server: PgServer, database: string): string {
  return `postgres://${encodeURIComponent(server.user)}@${server.host}:${server.port}/${database}`;
}

/** `-h -p -U` for the PostgreSQL command-line tools. */
export function cliArgs(server: PgServer): string[] {
  return ['-h', server.host, '-p', String(server.port), '-U', server.user];
}

async function admin<T>(server: PgServer, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: connectionString(server, server.adminDatabase) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops the database if a previous run left it behind, then creates it empty. */
export async function recreateDatabase(server: PgServer, name: string): Promise<void> {
  await admin(server, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
}

export async function dropDatabase(server: PgServer, name: string): Promise<void> {
  await admin(server, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** The server facts the report prints. */
export async function serverFacts(server: PgServer): Promise<Record<string, string>> {
  return admin(server, async (client) => {
    const facts: Record<string, string> = {};
    const version = await client.query<{ v: string }>('SELECT version() AS v');
    facts.version = version.rows[0]?.v ?? '?';
    for (const setting of [
      'synchronous_commit',
      'fsync',
      'wal_sync_method',
      'shared_buffers',
      'max_connections',
      'work_mem',
      'jit',
      'max_parallel_workers_per_gather',
    ]) {
      const row = await client.query<{ v: string }>(`SELECT current_setting($1) AS v`, [setting]);
      facts[setting] = row.rows[0]?.v ?? '?';
    }
    return facts;
  });
}
