import type { ColumnType } from 'kysely';

/**
 * An integer column. Drivers return it as a number (better-sqlite3), a string (pg `bigint`) or a
 * bigint (safe-integer mode); the codecs turn all three into numbers.
 *
 * @example
 * ```ts
 * interface MembersTable { allocated: IntColumn }
 * ```
 */
export type IntColumn = ColumnType<number | string | bigint, number, number>;
/**
 * A time column: ISO text in SQLite, `timestamptz` in Postgres (read back as a `Date`).
 *
 * @example
 * ```ts
 * interface JournalTable { at: TimeColumn }
 * ```
 */
export type TimeColumn = ColumnType<Date | string, string, string>;
/**
 * A JSON column: TEXT in SQLite, `json` in Postgres; written as JSON text.
 *
 * @example
 * ```ts
 * interface JournalTable { metadata: JsonColumn | null }
 * ```
 */
export type JsonColumn = ColumnType<unknown, string, string>;

/**
 * The pool row: an organization's settings plus its current period's pool state.
 *
 * @example
 * ```ts
 * db.selectFrom('organizations').select(['org_id', 'monthly_pool', 'allocated']);
 * ```
 */
export interface OrganizationsTable {
  org_id: string;
  name: string;
  /** The claimed domains in their given order (JSON array); `domains` holds one row per domain. */
  domains: JsonColumn;
  monthly_pool: IntColumn;
  period_anchor_day: IntColumn;
  threshold_yellow: ColumnType<number | string, number, number>;
  threshold_red: ColumnType<number | string, number, number>;
  rollover_policy: string;
  default_allocation: IntColumn;
  allocated: IntColumn;
  period_start: TimeColumn;
  period_end: TimeColumn;
  seq: IntColumn;
  /** Hash of the last entry of the organization's own journal chain. */
  last_hash: ColumnType<string, string | undefined, string>;
  created_at: TimeColumn;
  updated_at: TimeColumn;
  /** Credits added to this period's pool by top-ups. */
  top_ups: IntColumn;
  /** This period's pool alert states (JSON object, threshold → `active` | `cleared`). */
  alerts: JsonColumn;
  /** The member alert settings (JSON `{ remainingBelow, remainingBelowPercent }`). */
  member_alerts: JsonColumn;
}

/**
 * One row per claimed email domain; `domain` is unique across organizations.
 *
 * @example
 * ```ts
 * db.selectFrom('domains').select('org_id').where('domain', '=', 'acme.com');
 * ```
 */
export interface DomainsTable {
  org_id: string;
  domain: string;
}

/**
 * A closed billing period's figures.
 *
 * @example
 * ```ts
 * db.selectFrom('periods').selectAll().where('org_id', '=', 'acme').orderBy('start_at', 'desc');
 * ```
 */
export interface PeriodsTable {
  org_id: string;
  start_at: TimeColumn;
  end_at: TimeColumn;
  monthly_pool: IntColumn;
  top_ups: IntColumn;
  allocated: IntColumn;
  used: IntColumn;
}

/**
 * A member with this period's allocation and usage, and the position of its journal chain.
 *
 * @example
 * ```ts
 * db.selectFrom('members').select(['user_id', 'allocated', 'used']).where('org_id', '=', 'acme');
 * ```
 */
export interface MembersTable {
  org_id: string;
  user_id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  allocated: IntColumn;
  used: IntColumn;
  /** Credits reserved by the member's active holds. */
  held: IntColumn;
  /** The earliest expiry of the member's active holds; null without any. */
  holds_expire_at: TimeColumn | null;
  /** This period's member alert states (JSON object, threshold → `active` | `cleared`). */
  alerts: JsonColumn;
  seq: IntColumn;
  /** Hash of the last entry of the member's journal chain. */
  last_hash: ColumnType<string, string | undefined, string>;
  created_at: TimeColumn;
  updated_at: TimeColumn;
}

/**
 * A credit request and how it was decided.
 *
 * @example
 * ```ts
 * db.selectFrom('requests').selectAll().where('org_id', '=', 'acme').where('status', '=', 'pending');
 * ```
 */
export interface RequestsTable {
  org_id: string;
  id: string;
  user_id: string;
  user_email: string;
  user_name: string;
  amount: IntColumn;
  message: string | null;
  status: string;
  created_at: TimeColumn;
  decided_at: TimeColumn | null;
  decided_by: string | null;
  granted_amount: IntColumn | null;
  reason: string | null;
}

/**
 * The append-only journal; the database refuses UPDATE and DELETE on it.
 *
 * @example
 * ```ts
 * db.selectFrom('journal').select(['at', 'type', 'amount']).where('org_id', '=', 'acme').orderBy('at', 'desc');
 * ```
 */
export interface JournalTable {
  org_id: string;
  id: string;
  seq: IntColumn;
  at: TimeColumn;
  user_id: string | null;
  type: string;
  amount: IntColumn;
  balance_after: IntColumn | null;
  description: string;
  actor: string;
  request_id: string | null;
  usage_id: string | null;
  /** The hold a `hold`, `hold_released` or captured `usage` entry belongs to. */
  hold_id: string | null;
  idempotency_key: string | null;
  metadata: JsonColumn | null;
  /** SHA-256 chain hash (see `hashEntry` in `@allot/core`). */
  hash: ColumnType<string, string | undefined, string>;
}

/**
 * Credits reserved for a member until captured, released or expired.
 *
 * @example
 * ```ts
 * db.selectFrom('holds').selectAll().where('org_id', '=', 'acme').where('status', '=', 'active');
 * ```
 */
export interface HoldsTable {
  org_id: string;
  id: string;
  user_id: string;
  amount: IntColumn;
  /** `active`, `captured`, `released` or `expired`. */
  status: string;
  captured: IntColumn | null;
  description: string;
  metadata: JsonColumn | null;
  created_at: TimeColumn;
  expires_at: TimeColumn;
  settled_at: TimeColumn | null;
}

/**
 * Events waiting for delivery, oldest first by `position`. A dispatcher claims due rows
 * (`available_at` at or before now; `''` is due at once) and deletes them once delivered.
 *
 * @example
 * ```ts
 * db.selectFrom('outbox').select(['id', 'type', 'attempts']).orderBy('position').limit(10);
 * ```
 */
export interface OutboxTable {
  /** Insertion order (generated). */
  position: ColumnType<number | string | bigint, never, never>;
  id: string;
  org_id: string;
  type: string;
  /** The event as JSON. */
  payload: JsonColumn;
  /** ISO time from which the event may be claimed (text; `''` sorts before every time). */
  available_at: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<number | string | bigint, number | undefined, number>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: TimeColumn;
}

/**
 * The first successful result of each idempotency key (per organization), replayed to retries.
 *
 * @example
 * ```ts
 * db.selectFrom('idempotency_keys').select('result').where('org_id', '=', 'acme').where('key', '=', 'job-42');
 * ```
 */
export interface IdempotencyKeysTable {
  org_id: string;
  key: string;
  fingerprint: string;
  result: JsonColumn;
  created_at: TimeColumn;
}

/**
 * The Allot schema as kysely sees it (table names before any prefix or schema).
 *
 * @example
 * ```ts
 * const db = new Kysely<AllotDatabase>({ dialect }).withSchema('allot');
 * const usage = await db.selectFrom('journal').select('amount').where('type', '=', 'usage').execute();
 * ```
 */
export interface AllotDatabase {
  organizations: OrganizationsTable;
  domains: DomainsTable;
  periods: PeriodsTable;
  members: MembersTable;
  requests: RequestsTable;
  journal: JournalTable;
  idempotency_keys: IdempotencyKeysTable;
  holds: HoldsTable;
  outbox: OutboxTable;
}

/**
 * Every table name of {@link AllotDatabase}.
 *
 * @example
 * ```ts
 * for (const table of ALLOT_TABLES) console.log(`allot_${table}`); // SQLite names with the default prefix
 * ```
 */
export const ALLOT_TABLES = [
  'organizations',
  'domains',
  'periods',
  'members',
  'requests',
  'journal',
  'idempotency_keys',
  'holds',
  'outbox',
] as const satisfies readonly (keyof AllotDatabase)[];

/**
 * The name of one Allot table.
 *
 * @example
 * ```ts
 * const table: AllotTable = 'journal';
 * ```
 */
export type AllotTable = (typeof ALLOT_TABLES)[number];
