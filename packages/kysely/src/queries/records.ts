import { sql } from 'kysely';
import { COLUMNS } from '../codec';
import type { SqlDialect } from '../dialect';
import { type Template, template } from '../template';
import { TemplateCache } from './cache';

/** @inline */
export interface OrgParams {
  orgId: string;
}
/** @inline */
export interface MemberParams {
  orgId: string;
  userId: string;
}
/** @inline */
export interface RequestParams {
  orgId: string;
  requestId: string;
}
/** @inline */
export interface EntryParams {
  orgId: string;
  entryId: string;
}
/** @inline */
export interface UsageParams {
  orgId: string;
  usageId: string;
}
/** @inline */
export interface HoldParams {
  orgId: string;
  holdId: string;
}
/** @inline */
export interface ActiveHoldsParams {
  orgId: string;
  userId?: string;
}
/** @inline */
export interface KeyParams {
  orgId: string;
  key: string;
}

/**
 * At most this many keys per `getIdempotencyKeys` statement. Counts are rounded up to a power of
 * two (the last key repeated), so a store prepares at most eight shapes of it.
 */
export const KEYS_PER_STATEMENT = 128;

/**
 * The parameters of `getIdempotencyKeys(size)` for up to `size` keys (`size` a power of two ≥ their
 * number): `orgId`, then `k0` … `k{size-1}`, the last key repeated to fill.
 */
export function keysParams(orgId: string, keys: readonly string[], size: number): Record<string, string> {
  const params: Record<string, string> = { orgId };
  for (let i = 0; i < size; i++) params[`k${i}`] = keys[Math.min(i, keys.length - 1)] ?? '';
  return params;
}

/** The power of two at or above `count` (at least 1), the shape a key lookup of `count` keys uses. */
export function keysShape(count: number): number {
  let size = 1;
  while (size < count) size *= 2;
  return size;
}

/**
 * Point reads and their locking variants; each is one statement on a primary key. Reads name
 * their columns (never `*`), so a later migration that adds a column cannot invalidate the
 * prepared statements of a running app.
 */
export function recordQueries(dialect: SqlDialect) {
  const { db, rowLocks } = dialect;
  const cache = new TemplateCache();

  const organization = (lock: boolean): Template<OrgParams> =>
    template<OrgParams>((p) =>
      db
        .selectFrom('organizations')
        .select(COLUMNS.organizations)
        .where('org_id', '=', p.orgId)
        .$if(lock && rowLocks, (q) => q.forUpdate()),
    );

  const member = (lock: boolean): Template<MemberParams> =>
    template<MemberParams>((p) =>
      db
        .selectFrom('members')
        .select(COLUMNS.members)
        .where('org_id', '=', p.orgId)
        .where('user_id', '=', p.userId)
        .$if(lock && rowLocks, (q) => q.forUpdate()),
    );

  const request = (lock: boolean): Template<RequestParams> =>
    template<RequestParams>((p) =>
      db
        .selectFrom('requests')
        .select(COLUMNS.requests)
        .where('org_id', '=', p.orgId)
        .where('id', '=', p.requestId)
        .$if(lock && rowLocks, (q) => q.forUpdate()),
    );

  const activeHolds = (user: boolean): Template<ActiveHoldsParams> =>
    template<ActiveHoldsParams>((p) =>
      db
        .selectFrom('holds')
        .select(COLUMNS.holds)
        .where('org_id', '=', p.orgId)
        .$if(user, (q) => q.where('user_id', '=', p.userId as string))
        // A literal, so the planner can use the partial index of active holds.
        .where('status', '=', sql.lit('active'))
        .orderBy('expires_at')
        .orderBy('id'),
    );

  return {
    getOrganization: organization(false),
    lockOrganization: organization(true),
    findOrganizationByDomain: template<{ domain: string }>((p) =>
      db
        .selectFrom('organizations')
        .select(COLUMNS.organizations)
        .where('org_id', '=', (eb) =>
          eb.selectFrom('domains').select('domains.org_id').where('domain', '=', p.domain),
        ),
    ),
    getMember: member(false),
    lockMember: member(true),
    lockAllMembers: template<OrgParams>((p) =>
      db
        .selectFrom('members')
        .select(COLUMNS.members)
        .where('org_id', '=', p.orgId)
        .orderBy('user_id')
        .$if(rowLocks, (q) => q.forUpdate()),
    ),
    getRequest: request(false),
    lockRequest: request(true),
    lockPendingRequests: template<MemberParams>((p) =>
      db
        .selectFrom('requests')
        .select(COLUMNS.requests)
        .where('org_id', '=', p.orgId)
        .where('user_id', '=', p.userId)
        .where('status', '=', sql.lit('pending'))
        .orderBy('id')
        .$if(rowLocks, (q) => q.forUpdate()),
    ),
    getJournalEntry: template<EntryParams>((p) =>
      db
        .selectFrom('journal')
        .select(COLUMNS.journal)
        .where('org_id', '=', p.orgId)
        .where('id', '=', p.entryId),
    ),
    sumRefunds: template<UsageParams>((p) =>
      db
        .selectFrom('journal')
        .select((eb) => eb.fn.coalesce(eb.fn.sum('amount'), eb.lit(0)).as('total'))
        .where('org_id', '=', p.orgId)
        .where('usage_id', '=', p.usageId)
        .where('type', '=', 'refund'),
    ),
    countAdmins: template<OrgParams>((p) =>
      db
        .selectFrom('members')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('org_id', '=', p.orgId)
        .where('status', '=', 'active')
        .where('role', '=', 'admin'),
    ),
    getHold: template<HoldParams>((p) =>
      db.selectFrom('holds').select(COLUMNS.holds).where('org_id', '=', p.orgId).where('id', '=', p.holdId),
    ),
    /** Active holds by `expiresAt`, then id: of one member, or of the whole organization. */
    listActiveHolds: { member: activeHolds(true), organization: activeHolds(false) },
    getIdempotencyKey: template<KeyParams>((p) =>
      db
        .selectFrom('idempotency_keys')
        .select(COLUMNS.idempotency_keys)
        .where('org_id', '=', p.orgId)
        .where('key', '=', p.key),
    ),
    /** The records of `count` keys of one scope (parameters from `keysParams`), in no order. */
    getIdempotencyKeys(count: number): Template<Record<string, string>> {
      return cache.get(`keys:${count}`, () =>
        template<Record<string, string>>((p) =>
          db
            .selectFrom('idempotency_keys')
            .select(COLUMNS.idempotency_keys)
            .where('org_id', '=', p.orgId as string)
            .where(
              'key',
              'in',
              Array.from({ length: count }, (_, i) => p[`k${i}`] as string),
            ),
        ),
      );
    },
    memberTotals: template<OrgParams>((p) =>
      db
        .selectFrom('members')
        .select((eb) => [
          eb.fn.coalesce(eb.fn.sum('used'), eb.lit(0)).as('used'),
          eb.fn
            .coalesce(
              eb.fn.sum(eb.case().when('status', '=', 'active').then(eb.ref('held')).else(eb.lit(0)).end()),
              eb.lit(0),
            )
            .as('held'),
          eb.fn
            .coalesce(
              eb.fn.sum(eb.case().when('status', '=', 'active').then(eb.lit(1)).else(eb.lit(0)).end()),
              eb.lit(0),
            )
            .as('active'),
        ])
        .where('org_id', '=', p.orgId),
    ),
    countRequests: template<{ orgId: string; status: string }>((p) =>
      db
        .selectFrom('requests')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('org_id', '=', p.orgId)
        .where('status', '=', p.status),
    ),
  };
}

export type RecordQueries = ReturnType<typeof recordQueries>;
