import { startCluster } from './cluster';

/** The PostgreSQL server a test run uses, and how to let go of it. */
export interface TestPostgres {
  url: string;
  /** Where it came from: the variable, a Docker container, or an embedded cluster. */
  source: 'ALLOT_TEST_PG_URL' | 'docker' | 'embedded';
  stop(): Promise<void>;
}

/** The variable every Postgres test reads; the global setup fills it when it was unset. */
export const PG_URL_VARIABLE = 'ALLOT_TEST_PG_URL';

/**
 * Finds or starts the run's server: `ALLOT_TEST_PG_URL` when set; else a container through
 * `@testcontainers/postgresql` when a Docker engine answers; else an embedded PostgreSQL in a
 * temp folder on a free port. `ALLOT_TEST_PG=embedded` (or `docker`) skips the search.
 */
export async function provideTestPostgres(): Promise<TestPostgres> {
  const url = process.env[PG_URL_VARIABLE];
  if (url) return { url, source: PG_URL_VARIABLE, stop: async () => {} };
  const wanted = process.env.ALLOT_TEST_PG;
  if (wanted !== 'embedded') {
    const container = await startContainer().catch((error: unknown) => {
      if (wanted === 'docker') throw error;
      return undefined;
    });
    if (container) return container;
  }
  const cluster = await startCluster();
  return { url: cluster.url, source: 'embedded', stop: () => cluster.dispose() };
}

async function startContainer(): Promise<TestPostgres> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  await getContainerRuntimeClient(); // throws at once when no engine answers
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:18-alpine').start();
  return {
    url: container.getConnectionUri(),
    source: 'docker',
    stop: async () => void (await container.stop()),
  };
}

/**
 * The run's server URL, for test files. The workspace's global setup sets it; a file run
 * outside it fails with a message saying what to do.
 */
export function testPostgresUrl(): string {
  const url = process.env[PG_URL_VARIABLE];
  if (!url) {
    throw new Error(
      `${PG_URL_VARIABLE} is not set: run the tests through the workspace (npm test, or pnpm exec vitest), ` +
        'whose global setup starts PostgreSQL, or set it to a server (postgres://user@host:port/db).',
    );
  }
  return url;
}
