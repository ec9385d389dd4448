import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

/** The UPDATE of the raw loop: spend from one member, refusing to overspend, and return the new chain position. */
export function rawUpdateSql(prefix: string): string {
  return `UPDATE ${prefix}members SET used = used + ?, seq = seq + 1, updated_at = ?
    WHERE org_id = ? AND user_id = ? AND status = 'active' AND allocated - used >= ?
    RETURNING seq, allocated - used AS remaining`;
}

/** The INSERT of the raw loop: the usage entry with every column the adapter writes. */
export function rawInsertSql(prefix: string): string {
  return `INSERT INTO ${prefix}journal (org_id, id, seq, at, user_id, type, amount, balance_after, description, actor,
    request_id, usage_id, idempotency_key, metadata)
    VALUES (?, ?, ?, ?, ?, 'usage', ?, ?, ?, 'system', NULL, NULL, ?, NULL)`;
}

/**
 * The SQLite baseline: the same UPDATE + INSERT a consume needs, as two prepared statements in
 * `db.transaction(fn).immediate()`, on the adapter's own tables. No validation, no idempotency
 * lookup, no async.
 */
export function createRawConsume(database: Database.Database, orgId: string, prefix = 'allot_') {
  const update = database.prepare<
    [number, string, string, string, number],
    { seq: number; remaining: number }
  >(rawUpdateSql(prefix));
  const insert = database.prepare(rawInsertSql(prefix));
  const consume = database.transaction((userId: string, amount: number, key: string) => {
    const at = new Date().toISOString();
    const row = update.get(amount, at, orgId, userId, amount);
    if (!row) throw new Error(`insufficient credits or no member ${userId}`);
    insert.run(orgId, randomUUID(), row.seq, at, userId, -amount, row.remaining, 'bench', key);
  });
  return (userId: string, amount: number, key: string): void => consume.immediate(userId, amount, key);
}
