import type pg from 'pg';
import { SEED } from '../harness/seed-plan';

/** What to append to one organization's journal. */
export interface PgSeed {
  schema: string;
  orgId: string;
  /** Members `m0 … m{members-1}` the entries spread over. */
  members: number;
  /** Entries to append. */
  count: number;
  /** Unique per batch: prefixes the entry ids and salts the pseudo-random amounts and times. */
  batch: number;
  /** Entry times are spread uniformly over [from, to). */
  from: Date;
  to: Date;
}

/**
 * Appends `count` journal entries in one `INSERT … SELECT generate_series` (see the plan in
 * seed-plan.ts), then brings the member rows and the pool row in line with them. One transaction.
 */
export async function seedPostgres(client: pg.PoolClient, seed: PgSeed): Promise<void> {
  const t = (table: string) => `"${seed.schema}"."${table}"`;
  const prefix = `seed${seed.batch}-`;
  const salt = seed.batch * 7_919;
  const spanSeconds = (seed.to.getTime() - seed.from.getTime()) / 1000;
  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO ${t('journal')} (org_id, id, seq, at, user_id, type, amount, balance_after, description, actor,
         request_id, usage_id, idempotency_key, metadata)
       WITH base AS (
         SELECT user_id, seq, allocated - used AS remaining FROM ${t('members')} WHERE org_id = $1
       ), gen AS (
         SELECT g, g % $2 AS mi, g / $2 AS k,
                (hashint4((g + $4)::int) & 63) + 1 AS amt,
                (hashint4((g - $2 + $4)::int) & 63) + 1 AS prev_amt,
                (hashint4((g + $4 + 104729)::int) & 2147483647)::float8 / 2147483648 AS frac
         FROM generate_series(0, $3::bigint - 1) AS g
       ), typed AS (
         SELECT gen.*, CASE k % ${SEED.cycle} WHEN 0 THEN 'allocation' WHEN 10 THEN 'refund' WHEN 19 THEN 'revocation' ELSE 'usage' END AS type
         FROM gen
       ), signed AS (
         SELECT typed.*, CASE type WHEN 'allocation' THEN ${SEED.allocation} WHEN 'revocation' THEN ${SEED.revocation}
                                   WHEN 'refund' THEN prev_amt ELSE -amt END AS amount
         FROM typed
       )
       SELECT $1, $5 || s.g, b.seq + s.k + 1, $6::timestamptz + s.frac * $7 * interval '1 second', b.user_id, s.type, s.amount,
              b.remaining + sum(s.amount) OVER (PARTITION BY s.mi ORDER BY s.g),
              'seeded ' || s.type, 'system', NULL, CASE WHEN s.type = 'refund' THEN $5 || (s.g - $2) END, NULL, NULL
       FROM signed s JOIN base b ON b.user_id = 'm' || s.mi`,
      [seed.orgId, seed.members, seed.count, salt, prefix, seed.from.toISOString(), spanSeconds],
    );
    await client.query(
      `WITH d AS (
         SELECT user_id,
                sum(CASE WHEN type IN ('allocation', 'revocation') THEN amount ELSE 0 END) AS allocated,
                -sum(CASE WHEN type IN ('usage', 'refund') THEN amount ELSE 0 END) AS used,
                count(*) AS entries
         FROM ${t('journal')} WHERE org_id = $1 AND id LIKE $2 || '%' GROUP BY user_id
       ), m AS (
         UPDATE ${t('members')} m SET allocated = m.allocated + d.allocated, used = m.used + d.used, seq = m.seq + d.entries,
                updated_at = now()
         FROM d WHERE m.org_id = $1 AND m.user_id = d.user_id
         RETURNING d.allocated
       )
       UPDATE ${t('organizations')} SET allocated = allocated + (SELECT coalesce(sum(allocated), 0) FROM m), updated_at = now()
       WHERE org_id = $1`,
      [seed.orgId, prefix],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
