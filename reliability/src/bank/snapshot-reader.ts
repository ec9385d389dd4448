import Database from 'better-sqlite3';
import pg from 'pg';
import type { StoreSpec } from '../support/store-spec';

/** One organization's rows as of a single database snapshot. */
export interface DbSnapshot {
  org: { allocated: number; monthlyPool: number };
  members: { userId: string; allocated: number; used: number; seq: number }[];
  /** Per member: Σ journal amounts and the number of entries. */
  journal: Map<string, { sum: number; count: number }>;
}

/** Reads consistent snapshots straight from the database (one read transaction each). */
export interface SnapshotReader {
  read(orgId: string): Promise<DbSnapshot>;
  close(): Promise<void>;
}

const n = (value: unknown) => Number(value);

function build(
  org: Record<string, unknown> | undefined,
  members: Record<string, unknown>[],
  sums: Record<string, unknown>[],
): DbSnapshot {
  if (!org) throw new Error('organization row missing');
  return {
    org: { allocated: n(org.allocated), monthlyPool: n(org.monthly_pool) },
    members: members.map((m) => ({
      userId: String(m.user_id),
      allocated: n(m.allocated),
      used: n(m.used),
      seq: n(m.seq),
    })),
    journal: new Map(sums.map((s) => [String(s.user_id), { sum: n(s.total), count: n(s.entries) }])),
  };
}

/**
 * A reader on its own connection: on SQLite a deferred read transaction (WAL gives it one
 * snapshot), on Postgres `REPEATABLE READ READ ONLY`. Concurrent commits are either wholly in a
 * snapshot or not at all, so the rows must agree with each other exactly.
 */
export async function openSnapshotReader(spec: StoreSpec): Promise<SnapshotReader> {
  if (spec.kind === 'sqlite') {
    const db = new Database(spec.filename, { readonly: true });
    db.pragma('busy_timeout = 5000');
    const org = db.prepare('select allocated, monthly_pool from allot_organizations where org_id = ?');
    const members = db.prepare('select user_id, allocated, used, seq from allot_members where org_id = ?');
    const sums = db.prepare(
      'select user_id, sum(amount) as total, count(*) as entries from allot_journal where org_id = ? and user_id is not null group by user_id',
    );
    const read = db.transaction((orgId: string) =>
      build(
        org.get(orgId) as Record<string, unknown> | undefined,
        members.all(orgId) as Record<string, unknown>[],
        sums.all(orgId) as Record<string, unknown>[],
      ),
    );
    return { read: async (orgId) => read.deferred(orgId), close: async () => void db.close() };
  }
  const client = new pg.Client({ connectionString: spec.url });
  await client.connect();
  const s = `"${spec.schema}"`;
  return {
    async read(orgId) {
      await client.query('begin isolation level repeatable read read only');
      try {
        const org = await client.query(
          `select allocated, monthly_pool from ${s}.organizations where org_id = $1`,
          [orgId],
        );
        const members = await client.query(
          `select user_id, allocated, used, seq from ${s}.members where org_id = $1`,
          [orgId],
        );
        const sums = await client.query(
          `select user_id, sum(amount) as total, count(*) as entries from ${s}.journal where org_id = $1 and user_id is not null group by user_id`,
          [orgId],
        );
        return build(org.rows[0], members.rows, sums.rows);
      } finally {
        await client.query('commit');
      }
    },
    close: () => client.end(),
  };
}

/** What must hold in any consistent snapshot; [] when it does. */
export function snapshotProblems(snapshot: DbSnapshot): string[] {
  const out: string[] = [];
  let allocated = 0;
  for (const m of snapshot.members) {
    allocated += m.allocated;
    if (m.used < 0 || m.used > m.allocated) out.push(`${m.userId}: used ${m.used} outside 0..${m.allocated}`);
    const chain = snapshot.journal.get(m.userId) ?? { sum: 0, count: 0 };
    if (chain.sum !== m.allocated - m.used) {
      out.push(`${m.userId}: Σ journal ${chain.sum} ≠ allocated − used ${m.allocated - m.used}`);
    }
    if (chain.count !== m.seq) out.push(`${m.userId}: ${chain.count} entries but seq ${m.seq}`);
  }
  if (allocated !== snapshot.org.allocated)
    out.push(`Σ allocated ${allocated} ≠ pool allocated ${snapshot.org.allocated}`);
  if (snapshot.org.allocated > snapshot.org.monthlyPool) {
    out.push(`pool allocated ${snapshot.org.allocated} > monthly pool ${snapshot.org.monthlyPool}`);
  }
  return out;
}
