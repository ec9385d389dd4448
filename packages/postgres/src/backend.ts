import { CommitOutcomeUnknown, isCommitOutcomeUnknown } from '@allot/core/port';
import type { SqlBackend, SqlSession, Statement } from '@allot/kysely';
import type pg from 'pg';
import { type Checkout, checkout } from './checkout';
import { isOutcomeLost, isRetryable } from './errors';
import { exportCursor } from './export-cursor';
import { lockKeySql } from './key-lock';
import { backoff, DEFAULT_MAX_ATTEMPTS } from './retry';

export interface PostgresBackendOptions {
  schema: string;
  /** Total tries of a transaction that fails with a serialization failure or deadlock. */
  maxAttempts?: number;
  /** Use named (server-side) prepared statements. Turn off behind PgBouncer in transaction mode. */
  preparedStatements?: boolean;
}

/** A transaction on one client; BEGIN is sent with its first statement (see {@link lockKeySql}). */
interface TransactionSession extends SqlSession {
  readonly client: pg.PoolClient;
  /** Whether BEGIN was sent (set before sending, so a failed first statement is still rolled back). */
  begun: boolean;
}

function isTransactionSession(session: SqlSession): session is TransactionSession {
  return 'client' in session && 'begun' in session;
}

/**
 * Runs the store's statements on a `pg` pool.
 *
 * - Each transaction runs on one pooled client at READ COMMITTED (BEGIN goes out with the first
 *   statement, COMMIT only if one was sent); `lock*` use
 *   `SELECT … FOR UPDATE` on exactly the row asked for, and each statement sees rows committed
 *   by the transactions it waited for.
 * - The whole callback is run again (up to `maxAttempts` in all, with jittered backoff) after a
 *   serialization failure, a deadlock or a racing insert of the same idempotency key.
 * - Same-key transactions are serialised with a transaction-scoped advisory lock on a hash of
 *   (schema, org, key), so a retry waits for the first attempt and then replays its result, even
 *   when the first attempt drained the balance.
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

  function transactionOn(client: pg.PoolClient): TransactionSession {
    const session: TransactionSession = {
      client,
      begun: false,
      async execute(statement) {
        if (!session.begun) {
          session.begun = true;
          await client.query('BEGIN');
        }
        return (await client.query(config(statement))).rows;
      },
    };
    return session;
  }

  /**
   * Sends COMMIT. A connection that failed before it was sent committed nothing; one that fails
   * after leaves the outcome unknown (CommitOutcomeUnknown, and the client is destroyed); a
   * refusal from the server committed nothing and ended the transaction.
   */
  async function commit(out: Checkout): Promise<void> {
    const lost = out.failure();
    if (lost) throw lost;
    try {
      await out.client.query('COMMIT');
    } catch (error) {
      if (!isOutcomeLost(error)) throw error;
      throw new CommitOutcomeUnknown('The connection failed after COMMIT was sent.', { cause: error });
    }
  }

  async function attempt<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    const out = await checkout(pool);
    const { client } = out;
    const session = transactionOn(client);
    let broken: Error | undefined;
    let result: T;
    try {
      result = await fn(session);
    } catch (error) {
      if (session.begun) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
      }
      out.release(broken);
      throw error;
    }
    try {
      if (session.begun) await commit(out);
      out.release();
      return result;
    } catch (error) {
      out.release(isCommitOutcomeUnknown(error) ? error : undefined);
      throw error;
    }
  }

  return {
    reader: sessionOf(pool),
    uncertainCommits: true,

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
      if (!isTransactionSession(session)) throw new Error('lockKey runs only inside a transaction.');
      const lock = lockKeySql(options.schema, orgId, key);
      // The first statement of a transaction goes out with its BEGIN: one round trip.
      const text = session.begun ? lock : `BEGIN; ${lock}`;
      session.begun = true;
      await session.client.query(text);
    },

    async lockKeys(session, orgId, keys) {
      if (!isTransactionSession(session)) throw new Error('lockKeys runs only inside a transaction.');
      if (keys.length === 0) return;
      // One simple query: its statements run one after another, so the locks are taken in order.
      const locks = keys.map((key) => lockKeySql(options.schema, orgId, key)).join('; ');
      const text = session.begun ? locks : `BEGIN; ${locks}`;
      session.begun = true;
      await session.client.query(text);
    },

    cursor: (statement, batchSize) => exportCursor(pool, statement, batchSize),

    async close() {
      if (owned) await pool.end();
    },
  };
}
