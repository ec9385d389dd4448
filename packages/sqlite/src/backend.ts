import type { SqlBackend, SqlSession, Statement } from '@allot/kysely';
import type Database from 'better-sqlite3';
import { fileQueue } from './file-queue';

/**
 * Runs the store's statements on one better-sqlite3 connection.
 *
 * - Every statement is prepared once and cached by its SQL text.
 * - Transactions run one at a time (an async queue, since callbacks await between statements)
 *   inside `BEGIN IMMEDIATE`, which also takes SQLite's write lock against other processes at
 *   once; `lock*` therefore need no row locks. Every store on the same file in this process
 *   shares that queue (see {@link fileQueue}): a second store on the file takes turns with the
 *   first instead of blocking the event loop on the busy timeout.
 * - Plain reads queue behind a running transaction, so they see committed data only; a read made
 *   from inside a transaction callback runs at once on that transaction.
 */
export function sqliteBackend(database: Database.Database, owned: boolean): SqlBackend {
  const statements = new Map<string, Database.Statement>();
  const file = fileQueue(database);
  const { queue, inTransaction } = file;

  function run(statement: Statement): unknown[] {
    let prepared = statements.get(statement.sql);
    if (!prepared) {
      prepared = database.prepare(statement.sql);
      statements.set(statement.sql, prepared);
    }
    if (prepared.reader) return prepared.all(statement.parameters as unknown[]);
    prepared.run(statement.parameters as unknown[]);
    return [];
  }

  const session: SqlSession = { execute: async (statement) => run(statement) };
  const begin = database.prepare('BEGIN IMMEDIATE');
  const commit = database.prepare('COMMIT');
  const rollback = database.prepare('ROLLBACK');

  return {
    reader: {
      execute: (statement) =>
        inTransaction.getStore()
          ? Promise.resolve().then(() => run(statement))
          : queue.runSync(() => run(statement)),
    },

    transaction(fn) {
      if (inTransaction.getStore()) {
        return Promise.reject(
          new Error('Allot SQLite store: a transaction cannot start inside another one.'),
        );
      }
      return queue.run(() =>
        inTransaction.run(true, async () => {
          begin.run();
          try {
            const result = await fn(session);
            commit.run();
            return result;
          } catch (error) {
            if (database.inTransaction) rollback.run();
            throw error;
          }
        }),
      );
    },

    async close() {
      await queue.run(() => {
        statements.clear();
        if (owned && database.open) database.close();
      });
      file.release();
    },
  };
}
