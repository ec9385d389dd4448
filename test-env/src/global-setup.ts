import { PG_URL_VARIABLE, provideTestPostgres } from './postgres';

/**
 * Vitest global setup of the workspace: makes sure `ALLOT_TEST_PG_URL` names a server before
 * any test file runs (workers inherit the variable), and stops what it started at the end.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const server = await provideTestPostgres();
  process.env[PG_URL_VARIABLE] = server.url;
  if (server.source !== PG_URL_VARIABLE) {
    process.stderr.write(`[allot] tests use PostgreSQL from ${server.source} at ${server.url}\n`);
  }
  return async () => {
    await server.stop();
  };
}
