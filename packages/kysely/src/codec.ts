import type { AllotEvent, JournalEntry } from '@allot/core';
import type {
  HoldRecord,
  IdempotencyRecord,
  MemberRecord,
  OrganizationRecord,
  OutboxEvent,
  PeriodRecord,
  RequestRecord,
} from '@allot/core/port';
import type { Selectable } from 'kysely';
import type {
  HoldsTable,
  IdempotencyKeysTable,
  JournalTable,
  MembersTable,
  OrganizationsTable,
  RequestsTable,
} from './database';
import type { SqlDialect } from './dialect';
import { encodeRef } from './queries/outbox';

/**
 * How a dialect decodes time and JSON column values.
 * @inline
 */
type Decoders = Pick<SqlDialect, 'decodeTime' | 'decodeJson'>;

/**
 * An integer column's value (number, numeric string or bigint) as a number.
 *
 * @example
 * ```ts
 * int('9007199254740991'); // 9007199254740991
 * int(12n); // 12
 * ```
 */
export function int(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

function intOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : int(value);
}

/**
 * Row ↔ record conversions for one dialect. Writes use ISO strings and JSON text in both dialects.
 *
 * @example
 * ```ts
 * const codec = createCodec({ decodeTime: (v) => new Date(String(v)).toISOString(), decodeJson: (v) => v });
 * const org = codec.organization(row);
 * ```
 */
export function createCodec(d: Decoders) {
  const timeOrNull = (value: unknown) => (value === null || value === undefined ? null : d.decodeTime(value));
  const jsonOrNull = (value: unknown) => (value === null || value === undefined ? null : d.decodeJson(value));

  return {
    organization(row: Selectable<OrganizationsTable>): OrganizationRecord {
      return {
        id: row.org_id,
        name: row.name,
        domains: d.decodeJson(row.domains) as string[],
        monthlyPool: int(row.monthly_pool),
        periodAnchorDay: int(row.period_anchor_day),
        thresholds: { yellow: Number(row.threshold_yellow), red: Number(row.threshold_red) },
        rolloverPolicy: row.rollover_policy as OrganizationRecord['rolloverPolicy'],
        defaultAllocation: int(row.default_allocation),
        memberAlerts: d.decodeJson(row.member_alerts) as OrganizationRecord['memberAlerts'],
        createdAt: d.decodeTime(row.created_at),
        updatedAt: d.decodeTime(row.updated_at),
        allocated: int(row.allocated),
        topUps: int(row.top_ups),
        alerts: d.decodeJson(row.alerts) as OrganizationRecord['alerts'],
        periodStart: d.decodeTime(row.period_start),
        periodEnd: d.decodeTime(row.period_end),
        seq: int(row.seq),
        lastHash: row.last_hash,
      };
    },

    member(row: Selectable<MembersTable>): MemberRecord {
      return {
        orgId: row.org_id,
        userId: row.user_id,
        email: row.email,
        name: row.name,
        role: row.role as MemberRecord['role'],
        status: row.status as MemberRecord['status'],
        allocated: int(row.allocated),
        used: int(row.used),
        held: int(row.held),
        holdsExpireAt: timeOrNull(row.holds_expire_at),
        alerts: d.decodeJson(row.alerts) as MemberRecord['alerts'],
        createdAt: d.decodeTime(row.created_at),
        updatedAt: d.decodeTime(row.updated_at),
        seq: int(row.seq),
        lastHash: row.last_hash,
      };
    },

    request(row: Selectable<RequestsTable>): RequestRecord {
      return {
        id: row.id,
        orgId: row.org_id,
        userId: row.user_id,
        userEmail: row.user_email,
        userName: row.user_name,
        amount: int(row.amount),
        message: row.message,
        status: row.status as RequestRecord['status'],
        createdAt: d.decodeTime(row.created_at),
        decidedAt: timeOrNull(row.decided_at),
        decidedBy: row.decided_by,
        grantedAmount: intOrNull(row.granted_amount),
        reason: row.reason,
      };
    },

    journalEntry(row: Selectable<JournalTable>): JournalEntry {
      return {
        id: row.id,
        orgId: row.org_id,
        seq: int(row.seq),
        at: d.decodeTime(row.at),
        userId: row.user_id,
        type: row.type as JournalEntry['type'],
        amount: int(row.amount),
        balanceAfter: intOrNull(row.balance_after),
        description: row.description,
        actor: row.actor,
        requestId: row.request_id,
        usageId: row.usage_id,
        holdId: row.hold_id ?? null,
        idempotencyKey: row.idempotency_key,
        metadata: jsonOrNull(row.metadata) as JournalEntry['metadata'],
        hash: row.hash,
      };
    },

    hold(row: Selectable<HoldsTable>): HoldRecord {
      return {
        id: row.id,
        orgId: row.org_id,
        userId: row.user_id,
        amount: int(row.amount),
        status: row.status as HoldRecord['status'],
        captured: intOrNull(row.captured),
        description: row.description,
        metadata: jsonOrNull(row.metadata) as HoldRecord['metadata'],
        createdAt: d.decodeTime(row.created_at),
        expiresAt: d.decodeTime(row.expires_at),
        settledAt: timeOrNull(row.settled_at),
      };
    },

    outboxEvent(row: { position: unknown; payload: unknown; attempts: unknown }): OutboxEvent {
      const event = d.decodeJson(row.payload) as AllotEvent;
      return {
        event,
        attempts: int(row.attempts),
        ref: encodeRef({ position: String(row.position), id: event.id }),
      };
    },

    idempotency(row: Selectable<IdempotencyKeysTable>): IdempotencyRecord {
      return {
        orgId: row.org_id,
        key: row.key,
        fingerprint: row.fingerprint,
        result: d.decodeJson(row.result),
        createdAt: d.decodeTime(row.created_at),
      };
    },
  };
}

/**
 * The row ↔ record conversions {@link createCodec} returns.
 *
 * @example
 * ```ts
 * const codec: Codec = createCodec(dialect);
 * const member = codec.member(row); // a MemberRecord
 * ```
 */
export type Codec = ReturnType<typeof createCodec>;

/** The column values of an organization row (writes). */
export function organizationColumns(org: OrganizationRecord) {
  return {
    org_id: org.id,
    name: org.name,
    domains: JSON.stringify(org.domains),
    monthly_pool: org.monthlyPool,
    period_anchor_day: org.periodAnchorDay,
    threshold_yellow: org.thresholds.yellow,
    threshold_red: org.thresholds.red,
    rollover_policy: org.rolloverPolicy,
    default_allocation: org.defaultAllocation,
    allocated: org.allocated,
    period_start: org.periodStart,
    period_end: org.periodEnd,
    seq: org.seq,
    last_hash: org.lastHash,
    created_at: org.createdAt,
    updated_at: org.updatedAt,
    top_ups: org.topUps,
    alerts: JSON.stringify(org.alerts),
    member_alerts: JSON.stringify(org.memberAlerts),
  };
}

export function memberColumns(m: MemberRecord) {
  return {
    org_id: m.orgId,
    user_id: m.userId,
    email: m.email,
    name: m.name,
    role: m.role,
    status: m.status,
    allocated: m.allocated,
    used: m.used,
    held: m.held,
    holds_expire_at: m.holdsExpireAt,
    alerts: JSON.stringify(m.alerts),
    seq: m.seq,
    last_hash: m.lastHash,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}

export function requestColumns(r: RequestRecord) {
  return {
    org_id: r.orgId,
    id: r.id,
    user_id: r.userId,
    user_email: r.userEmail,
    user_name: r.userName,
    amount: r.amount,
    message: r.message,
    status: r.status,
    created_at: r.createdAt,
    decided_at: r.decidedAt,
    decided_by: r.decidedBy,
    granted_amount: r.grantedAmount,
    reason: r.reason,
  };
}

export function journalColumns(e: JournalEntry) {
  return {
    org_id: e.orgId,
    id: e.id,
    seq: e.seq,
    at: e.at,
    user_id: e.userId,
    type: e.type,
    amount: e.amount,
    balance_after: e.balanceAfter,
    description: e.description,
    actor: e.actor,
    request_id: e.requestId,
    usage_id: e.usageId,
    hold_id: e.holdId ?? null,
    idempotency_key: e.idempotencyKey,
    metadata: jsonTextOrNull(e.metadata),
    hash: e.hash,
  };
}

export function holdColumns(h: HoldRecord) {
  return {
    org_id: h.orgId,
    id: h.id,
    user_id: h.userId,
    amount: h.amount,
    status: h.status,
    captured: h.captured,
    description: h.description,
    metadata: jsonTextOrNull(h.metadata),
    created_at: h.createdAt,
    expires_at: h.expiresAt,
    settled_at: h.settledAt,
  };
}

/** An event as a new outbox row: due at once (`available_at` `''`). */
export function outboxColumns(event: AllotEvent) {
  return {
    id: event.id,
    org_id: event.orgId,
    type: event.type,
    payload: JSON.stringify(event),
    available_at: '',
    created_at: event.at,
  };
}

function jsonTextOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

export function periodColumns(p: PeriodRecord) {
  return {
    org_id: p.orgId,
    start_at: p.start,
    end_at: p.end,
    monthly_pool: p.monthlyPool,
    top_ups: p.topUps,
    allocated: p.allocated,
    used: p.used,
  };
}

export function idempotencyColumns(r: IdempotencyRecord) {
  return {
    org_id: r.orgId,
    key: r.key,
    fingerprint: r.fingerprint,
    result: JSON.stringify(r.result ?? null),
    created_at: r.createdAt,
  };
}

/**
 * The columns of each written table, in the order the write templates list them.
 *
 * @example
 * ```ts
 * COLUMNS.members; // ['org_id', 'user_id', 'email', …] — the column order of every write
 * ```
 */
export const COLUMNS = {
  organizations: [
    'org_id',
    'name',
    'domains',
    'monthly_pool',
    'period_anchor_day',
    'threshold_yellow',
    'threshold_red',
    'rollover_policy',
    'default_allocation',
    'allocated',
    'period_start',
    'period_end',
    'seq',
    'last_hash',
    'created_at',
    'updated_at',
    'top_ups',
    'alerts',
    'member_alerts',
  ],
  members: [
    'org_id',
    'user_id',
    'email',
    'name',
    'role',
    'status',
    'allocated',
    'used',
    'held',
    'holds_expire_at',
    'alerts',
    'seq',
    'last_hash',
    'created_at',
    'updated_at',
  ],
  requests: [
    'org_id',
    'id',
    'user_id',
    'user_email',
    'user_name',
    'amount',
    'message',
    'status',
    'created_at',
    'decided_at',
    'decided_by',
    'granted_amount',
    'reason',
  ],
  journal: [
    'org_id',
    'id',
    'seq',
    'at',
    'user_id',
    'type',
    'amount',
    'balance_after',
    'description',
    'actor',
    'request_id',
    'usage_id',
    'hold_id',
    'idempotency_key',
    'metadata',
    'hash',
  ],
  periods: ['org_id', 'start_at', 'end_at', 'monthly_pool', 'top_ups', 'allocated', 'used'],
  idempotency_keys: ['org_id', 'key', 'fingerprint', 'result', 'created_at'],
  holds: [
    'org_id',
    'id',
    'user_id',
    'amount',
    'status',
    'captured',
    'description',
    'metadata',
    'created_at',
    'expires_at',
    'settled_at',
  ],
  /** The columns an event is written with; `position`, `attempts` and `last_error` take defaults. */
  outbox: ['id', 'org_id', 'type', 'payload', 'available_at', 'created_at'],
} as const;
