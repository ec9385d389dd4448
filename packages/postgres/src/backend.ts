import { type SqlBackend, type SqlSession, type Statement, statementName } from '@allot/kysely';
import type pg from 'pg';
import { isRetryable } from './errors';
import { exportCursor } from './export-cursor';
import { backoff, DEFAULT_MAX_ATTEMPTS } from './retry';

export interface PostgresBackendOptions {
  schema: string;
  /** Total tries of a transaction that fails with a serialization failure or deadlock. */
  maxAttempts?: number;
  /** Use named (server-side) prepared statements. Turn off behind PgBouncer in transaction mode. */
  preparedStatements?: boolean;
}

const LOCK_KEY_SQL = 'select pg_advisory_xact_lock(hashtextextended($1, 0))';
const LOCK_KEY_NAME = statementName(LOCK_KEY_SQL);

/**
 * Runs the store's statements on a `pg` pool.
 *
 * - Each transaction runs on one pooled client at READ COMMITTED; `lock*` use
 *   `SELECT … FOR UPDATE` on exactly the row asked for, and each statement sees rows committed
 *   by the transactions it waited for.
 * - The whole callback is run again (up to `maxAttempts` in all, with jittered backoff) after a
 *   serialization failure, a deadlock or a racing insert of the same idempotency key.
 * - Same-key transactions are serialised with a transaction-scoped advisory lock on a hash of
 *   (schema, org, key), so a retry waits for the first attempt and then replays its result.
 */
export function postgresBackend(pool: pg.Pool, owned: boolean, options: PostgresBackendOptions): SqlBackend {
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const prepared = options.preparedStatements ?? true;

  function config(statement: Statement): pg.QueryConfig {
    const values = statement.parameters as unknown[];
    return prepared ? { name: statement.name, text: statement.sql, values } : { text: statement.sql, values };
  }

  function sessionOf(client: pg.Pool | pg.PoolClient): SqlSession {
    return { execute: async (statement) => (await client.query(config(statement))).rows };
  }

  async function attempt<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(sessionOf(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  return {
    reader: sessionOf(pool),

    async transaction(fn) {
      for (let tries = 1; ; tries++) {
        try {
          return await attempt(fn);
        } catch (error) {
          if (tries >= maxAttempts || !isRetryable(error)) throw error;
          await backoff(tries);
        }
      }
    },

    async lockKey(session, orgId, key) {
      const lockName = `allot:${options.schema}:${orgId.length}:${orgId}:${key}`;
      await session.execute({ sql: LOCK_KEY_SQL, parameters: [lockName], name: LOCK_KEY_NAME });
    },

    cursor: (statement, batchSize) => exportCursor(pool, statement, batchSize),

    async close() {
      if (owned) await pool.end();
    },
  };
}
