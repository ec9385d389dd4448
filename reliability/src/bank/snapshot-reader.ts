import Database from 'better-sqlite3';
import pg from 'pg';
import type { StoreSpec } from '../support/store-spec';

/** One organization's rows as of a single database snapshot. */
export interface DbSnapshot {
  org: { allocated: number; monthlyPool: number; topUps: number };
  members: { userId: string; allocated: number; used: number; held: number; seq: number }[];
  /** Per member: Σ journal amounts and the number of entries. */
  journal: Map<string, { sum: number; count: number }>;
  /** Per member: Σ amounts of its active holds. */
  holds: Map<string, number>;
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
  holds: Record<string, unknown>[],
): DbSnapshot {
  if (!org) throw new Error('organization row missing');
  return {
    org: { allocated: n(org.allocated), monthlyPool: n(org.monthly_pool), topUps: n(org.top_ups) },
    members: members.map((m) => ({
      userId: String(m.user_id),
      allocated: n(m.allocated),
      used: n(m.used),
      held: n(m.held),
      seq: n(m.seq),
    })),
    journal: new Map(sums.map((s) => [String(s.user_id), { sum: n(s.total), count: n(s.entries) }])),
    holds: new Map(holds.map((h) => [String(h.user_id), n(h.total)])),
  };
}

const ORG = 'select allocated, monthly_pool, top_ups from {organizations} where org_id = $1';
const MEMBERS = 'select user_id, allocated, used, held, seq from {members} where org_id = $1';
const JOURNAL =
  'select user_id, sum(amount) as total, count(*) as entries from {journal} where org_id = $1 and user_id is not null group by user_id';
const HOLDS =
  "select user_id, sum(amount) as total from {holds} where org_id = $1 and status = 'active' group by user_id";

/** A query with its tables named (`{members}` → `table('members')`) and `$1` as SQLite's `?`. */
function query(sql: string, table: (name: string) => string, sqlite: boolean): string {
  const named = sql.replace(/\{(\w+)\}/g, (_, name: string) => table(name));
  return sqlite ? named.replace('$1', '?') : named;
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
    const prepare = (sql: string) => db.prepare(query(sql, (name) => `allot_${name}`, true));
    const [org, members, sums, holds] = [prepare(ORG), prepare(MEMBERS), prepare(JOURNAL), prepare(HOLDS)];
    const read = db.transaction((orgId: string) =>
      build(
        org.get(orgId) as Record<string, unknown> | undefined,
        members.all(orgId) as Record<string, unknown>[],
        sums.all(orgId) as Record<string, unknown>[],
        holds.all(orgId) as Record<string, unknown>[],
      ),
    );
    return { read: async (orgId) => read.deferred(orgId), close: async () => void db.close() };
  }
  const client = new pg.Client({ connectionString: spec.url });
  await client.connect();
  const select = async (sql: string, orgId: string) =>
    (
      await client.query(
        query(sql, (name) => `"${spec.schema}".${name}`, false),
        [orgId],
      )
    ).rows;
  return {
    async read(orgId) {
      await client.query('begin isolation level repeatable read read only');
      try {
        const org = await select(ORG, orgId);
        const members = await select(MEMBERS, orgId);
        const sums = await select(JOURNAL, orgId);
        const holds = await select(HOLDS, orgId);
        return build(org[0], members, sums, holds);
      } finally {
        await client.query('commit');
      }
    },
    close: () => client.end(),
  };
}

/**
 * What must hold in any consistent snapshot; [] when it does. A hold past its expiry still counts
 * here until something expires it (lazily), so held = Σ active holds exactly.
 */
export function snapshotProblems(snapshot: DbSnapshot): string[] {
  const out: string[] = [];
  let allocated = 0;
  for (const m of snapshot.members) {
    allocated += m.allocated;
    if (m.used < 0 || m.held < 0 || m.used + m.held > m.allocated)
      out.push(`${m.userId}: used ${m.used} + held ${m.held} outside 0..${m.allocated}`);
    const remaining = m.allocated - m.used - m.held;
    const chain = snapshot.journal.get(m.userId) ?? { sum: 0, count: 0 };
    if (chain.sum !== remaining) {
      out.push(`${m.userId}: Σ journal ${chain.sum} ≠ allocated − used − held ${remaining}`);
    }
    if (chain.count !== m.seq) out.push(`${m.userId}: ${chain.count} entries but seq ${m.seq}`);
    const holds = snapshot.holds.get(m.userId) ?? 0;
    if (holds !== m.held) out.push(`${m.userId}: held ${m.held} ≠ Σ active holds ${holds}`);
  }
  if (allocated !== snapshot.org.allocated)
    out.push(`Σ allocated ${allocated} ≠ pool allocated ${snapshot.org.allocated}`);
  const pool = snapshot.org.monthlyPool + snapshot.org.topUps;
  if (snapshot.org.allocated > pool) {
    out.push(`pool allocated ${snapshot.org.allocated} > monthly pool + top-ups ${pool}`);
  }
  return out;
}
