import type Database from 'better-sqlite3';
import { mix, SEED, seedType, usageAmount } from '../harness/seed-plan';

/** What to append to one organization's journal. */
export interface SqliteSeed {
  prefix: string;
  orgId: string;
  members: number;
  count: number;
  batch: number;
  from: Date;
  to: Date;
}

interface MemberState {
  seq: number;
  remaining: number;
  allocated: number;
  used: number;
  lastId: string;
}

/**
 * Appends `count` journal entries with one prepared INSERT in one transaction (the plan in
 * seed-plan.ts), then updates the member rows and the pool row to match.
 */
export function seedSqlite(database: Database.Database, seed: SqliteSeed): void {
  const t = (table: string) => `${seed.prefix}${table}`;
  const insert = database.prepare(
    `INSERT INTO ${t('journal')} (org_id, id, seq, at, user_id, type, amount, balance_after, description, actor,
       request_id, usage_id, idempotency_key, metadata)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'system', NULL, ?, NULL, NULL)`,
  );
  const readMember = database.prepare<[string, string], { seq: number; allocated: number; used: number }>(
    `SELECT seq, allocated, used FROM ${t('members')} WHERE org_id = ? AND user_id = ?`,
  );
  const updateMember = database.prepare(
    `UPDATE ${t('members')} SET allocated = ?, used = ?, seq = ?, updated_at = ? WHERE org_id = ? AND user_id = ?`,
  );
  const updatePool = database.prepare(
    `UPDATE ${t('organizations')} SET allocated = allocated + ?, updated_at = ? WHERE org_id = ?`,
  );
  const salt = seed.batch * 7_919;
  const span = seed.to.getTime() - seed.from.getTime();
  database.transaction(() => {
    const states = new Map<number, MemberState>();
    for (let mi = 0; mi < seed.members; mi++) {
      const row = readMember.get(seed.orgId, `m${mi}`);
      if (!row) throw new Error(`seed: no member m${mi}`);
      states.set(mi, {
        seq: row.seq,
        allocated: row.allocated,
        used: row.used,
        remaining: row.allocated - row.used,
        lastId: '',
      });
    }
    let allocatedDelta = 0;
    for (let g = 0; g < seed.count; g++) {
      const mi = g % seed.members;
      const k = Math.floor(g / seed.members);
      const state = states.get(mi) as MemberState;
      const type = seedType(k);
      let amount: number;
      if (type === 'allocation') amount = SEED.allocation;
      else if (type === 'revocation') amount = SEED.revocation;
      else if (type === 'refund') amount = usageAmount(g - seed.members, salt);
      else amount = -usageAmount(g, salt);
      if (type === 'allocation' || type === 'revocation') {
        state.allocated += amount;
        allocatedDelta += amount;
      } else state.used -= amount;
      state.remaining += amount;
      state.seq += 1;
      const id = `seed${seed.batch}-${g}`;
      const at = new Date(seed.from.getTime() + (mix(g + salt + 104_729) / 2 ** 32) * span).toISOString();
      insert.run(
        seed.orgId,
        id,
        state.seq,
        at,
        `m${mi}`,
        type,
        amount,
        state.remaining,
        `seeded ${type}`,
        type === 'refund' ? state.lastId : null,
      );
      state.lastId = id;
    }
    const now = new Date().toISOString();
    for (const [mi, s] of states) updateMember.run(s.allocated, s.used, s.seq, now, seed.orgId, `m${mi}`);
    updatePool.run(allocatedDelta, now, seed.orgId);
  })();
}
