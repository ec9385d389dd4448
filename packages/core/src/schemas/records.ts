import { z } from 'zod';
import { credits, domain, email, id, personName, role, timestamp } from './primitives';

/** A percentage of the pool used, 0–100. */
const percent = z.number().min(0).max(100);

/**
 * Usage thresholds for the pool's health colour: green below `yellow` %, yellow below `red` %, red from `red` %.
 *
 * @example
 * ```ts
 * thresholdsSchema.safeParse({ yellow: 95, red: 90 }).success; // false: yellow must not exceed red
 * ```
 */
export const thresholdsSchema = z
  .object({ yellow: percent, red: percent })
  .refine((t) => t.yellow <= t.red, { message: 'yellow must not exceed red', path: ['yellow'] });
/**
 * The usage percentages at which the pool turns yellow and red.
 *
 * @example
 * ```ts
 * const thresholds: Thresholds = { yellow: 70, red: 90 }; // the defaults
 * ```
 */
export type Thresholds = z.infer<typeof thresholdsSchema>;

/**
 * What happens to allocations when a billing period ends: `carry` keeps them, `reset` zeroes them.
 *
 * @example
 * ```ts
 * rolloverPolicySchema.parse('reset');
 * ```
 */
export const rolloverPolicySchema = z.enum(['carry', 'reset']);
/**
 * What happens to allocations when a billing period ends: `carry` or `reset`.
 *
 * @example
 * ```ts
 * const policy: RolloverPolicy = 'carry'; // the default
 * ```
 */
export type RolloverPolicy = z.infer<typeof rolloverPolicySchema>;

/**
 * Day of the month (UTC) a billing period starts on; 1–28 so every month has it.
 *
 * @example
 * ```ts
 * periodAnchorDaySchema.safeParse(31).success; // false: 1–28
 * ```
 */
export const periodAnchorDaySchema = z.number().int().min(1).max(28);

/**
 * When a member's low-credit alert fires: remaining below `remainingBelow` credits, or below
 * `remainingBelowPercent` % of their allocation (`null` turns that threshold off). A member with
 * nothing allocated is never low.
 *
 * @example
 * ```ts
 * memberAlertsSchema.parse({ remainingBelow: 100, remainingBelowPercent: null });
 * ```
 */
export const memberAlertsSchema = z.object({
  remainingBelow: credits.nullable(),
  remainingBelowPercent: percent.nullable(),
});
/**
 * A member's low-credit alert thresholds.
 *
 * @example
 * ```ts
 * const alerts: MemberAlerts = { remainingBelow: null, remainingBelowPercent: 10 }; // the defaults
 * ```
 */
export type MemberAlerts = z.infer<typeof memberAlertsSchema>;

/**
 * The default member alert: remaining below 10 % of the allocation.
 *
 * @example
 * ```ts
 * createOrganizationInput.parse(input).memberAlerts; // DEFAULT_MEMBER_ALERTS unless given
 * ```
 */
export const DEFAULT_MEMBER_ALERTS: MemberAlerts = { remainingBelow: null, remainingBelowPercent: 10 };

/**
 * A member alert threshold: `remaining_below` (credits) or `remaining_below_percent` (of the allocation).
 *
 * @example
 * ```ts
 * memberAlertThresholdSchema.parse('remaining_below_percent');
 * ```
 */
export const memberAlertThresholdSchema = z.enum(['remaining_below', 'remaining_below_percent']);
/**
 * A pool alert threshold: usage reached the organization's `yellow` or `red` line.
 *
 * @example
 * ```ts
 * poolAlertThresholdSchema.parse('red');
 * ```
 */
export const poolAlertThresholdSchema = z.enum(['yellow', 'red']);
/**
 * A member alert threshold.
 *
 * @example
 * ```ts
 * const threshold: MemberAlertThreshold = 'remaining_below';
 * ```
 */
export type MemberAlertThreshold = z.infer<typeof memberAlertThresholdSchema>;
/**
 * A pool alert threshold.
 *
 * @example
 * ```ts
 * const threshold: PoolAlertThreshold = 'yellow';
 * ```
 */
export type PoolAlertThreshold = z.infer<typeof poolAlertThresholdSchema>;

/**
 * The zod schema of {@link Organization} (the router's OpenAPI document is generated from it).
 *
 * @example
 * ```ts
 * organizationSchema.parse(JSON.parse(body)); // validate a response you received over HTTP
 * ```
 */
export const organizationSchema = z.object({
  id,
  name: personName,
  domains: z.array(domain),
  monthlyPool: credits,
  periodAnchorDay: periodAnchorDaySchema,
  thresholds: thresholdsSchema,
  rolloverPolicy: rolloverPolicySchema,
  defaultAllocation: credits,
  memberAlerts: memberAlertsSchema,
  createdAt: timestamp,
  updatedAt: timestamp,
});
/**
 * An organization's settings.
 *
 * @example
 * ```ts
 * const org: Organization = await orThrow(allot.getSettings({ actor: admin }));
 * org.monthlyPool; // credits per billing period
 * ```
 */
export type Organization = z.infer<typeof organizationSchema>;

/**
 * The zod schema of {@link Period} (the router's OpenAPI document is generated from it).
 *
 * @example
 * ```ts
 * periodSchema.parse(JSON.parse(body)); // validate a response you received over HTTP
 * ```
 */
export const periodSchema = z.object({ start: timestamp, end: timestamp });
/**
 * A billing period: `start` inclusive, `end` exclusive (when credits reset).
 *
 * @example
 * ```ts
 * const { period } = await orThrow(allot.overview({ actor: admin }));
 * console.log(`credits reset on ${period.end}`);
 * ```
 */
export type Period = z.infer<typeof periodSchema>;

/**
 * A member's status: `active`, or `removed` (history kept, no longer an actor).
 *
 * @example
 * ```ts
 * memberStatusSchema.parse('removed');
 * ```
 */
export const memberStatusSchema = z.enum(['active', 'removed']);
/**
 * The zod schema of {@link Member} (the router's OpenAPI document is generated from it).
 *
 * @example
 * ```ts
 * memberSchema.parse(JSON.parse(body)); // validate a response you received over HTTP
 * ```
 */
export const memberSchema = z.object({
  orgId: id,
  userId: id,
  email,
  name: personName,
  role,
  status: memberStatusSchema,
  allocated: credits,
  used: credits,
  /** Credits reserved by active holds. */
  held: credits,
  /** allocated − used − held: what the member can still spend or reserve. */
  remaining: credits,
  /** The member's low-credit alerts that are firing now. */
  alerts: z.array(memberAlertThresholdSchema),
  createdAt: timestamp,
  updatedAt: timestamp,
});
/**
 * A member of an organization with this period's allocation and usage.
 *
 * @example
 * ```ts
 * const { items } = await orThrow(allot.members({ actor: admin }));
 * for (const m of items) console.log(m.name, m.allocated, m.used, m.remaining);
 * ```
 */
export type Member = z.infer<typeof memberSchema>;

/**
 * A credit request's status: `pending`, `approved`, `rejected` or `cancelled`.
 *
 * @example
 * ```ts
 * requestStatusSchema.parse('pending');
 * ```
 */
export const requestStatusSchema = z.enum(['pending', 'approved', 'rejected', 'cancelled']);
/**
 * A credit request's status.
 *
 * @example
 * ```ts
 * const status: RequestStatus = 'pending';
 * ```
 */
export type RequestStatus = z.infer<typeof requestStatusSchema>;
/**
 * The zod schema of {@link CreditRequest} (the router's OpenAPI document is generated from it).
 *
 * @example
 * ```ts
 * creditRequestSchema.parse(JSON.parse(body)); // validate a response you received over HTTP
 * ```
 */
export const creditRequestSchema = z.object({
  id,
  orgId: id,
  userId: id,
  userEmail: email,
  userName: personName,
  amount: credits,
  message: z.string().nullable(),
  status: requestStatusSchema,
  createdAt: timestamp,
  decidedAt: timestamp.nullable(),
  decidedBy: z.string().nullable(),
  grantedAmount: credits.nullable(),
  reason: z.string().nullable(),
});
/**
 * A member's request for more credits.
 *
 * @example
 * ```ts
 * const request: CreditRequest = await orThrow(
 *   allot.submitRequest({ actor: actors.user('acme', 'bob'), amount: 500 }),
 * );
 * request.status; // 'pending'
 * ```
 */
export type CreditRequest = z.infer<typeof creditRequestSchema>;

/**
 * The zod schema of {@link EventType} (the router's OpenAPI document is generated from it).
 *
 * @example
 * ```ts
 * eventTypeSchema.parse(JSON.parse(body)); // validate a response you received over HTTP
 * ```
 */
export const eventTypeSchema = z.enum([
  'allocation',
  'revocation',
  'usage',
  'refund',
  'rollover',
  'request_submitted',
  'request_rejected',
  'request_cancelled',
  'member_enrolled',
  'member_removed',
  'role_changed',
  'organization_created',
  'settings_changed',
  'period_started',
  'hold',
  'hold_released',
  'top_up',
]);
/**
 * The kind of a journal entry.
 *
 * @example
 * ```ts
 * const types: EventType[] = ['usage', 'refund'];
 * await allot.ledger({ actor: admin, filter: { type: types } });
 * ```
 */
export type EventType = z.infer<typeof eventTypeSchema>;

/**
 * The zod schema of {@link JournalEntry} (the router's OpenAPI document is generated from it).
 *
 * @example
 * ```ts
 * journalEntrySchema.parse(JSON.parse(body)); // validate a response you received over HTTP
 * ```
 */
export const journalEntrySchema = z.object({
  id,
  orgId: id,
  /** Position in its account's chain: the member's, or the organization's for org-level entries. */
  seq: z.number().int().min(1),
  at: timestamp,
  userId: id.nullable(),
  type: eventTypeSchema,
  /** Signed change to the member's remaining credits. */
  amount: z.number().int(),
  /** The member's remaining credits after this entry; null for org-level entries. */
  balanceAfter: z.number().int().nullable(),
  description: z.string(),
  actor: z.string(),
  requestId: id.nullable(),
  usageId: id.nullable(),
  /** The hold a `hold`, `hold_released` or captured `usage` entry belongs to. */
  holdId: id.nullable(),
  idempotencyKey: z.string().nullable(),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
  /** SHA-256 (hex) over the previous entry's hash in the same chain and this entry's content. */
  hash: z.string(),
});
/**
 * One append-only journal (ledger) entry.
 *
 * @example
 * ```ts
 * const { items } = await orThrow(allot.ledger({ actor: admin }));
 * for (const e of items) console.log(e.at, e.type, e.amount, e.balanceAfter);
 * ```
 */
export type JournalEntry = z.infer<typeof journalEntrySchema>;

/**
 * The zod schema of {@link Health} (the router's OpenAPI document is generated from it).
 *
 * @example
 * ```ts
 * healthSchema.parse(JSON.parse(body)); // validate a response you received over HTTP
 * ```
 */
export const healthSchema = z.enum(['green', 'yellow', 'red']);
/**
 * The pool's health colour.
 *
 * @example
 * ```ts
 * const health: Health = (await orThrow(allot.overview({ actor: admin }))).health;
 * ```
 */
export type Health = z.infer<typeof healthSchema>;

/**
 * The zod schema of {@link Overview} (the router's OpenAPI document is generated from it).
 *
 * @example
 * ```ts
 * overviewSchema.parse(JSON.parse(body)); // validate a response you received over HTTP
 * ```
 */
export const overviewSchema = z.object({
  orgId: id,
  name: personName,
  period: periodSchema,
  monthlyPool: credits,
  /** Credits an admin added to this period's pool on top of `monthlyPool`. */
  topUps: credits,
  /** This period's pool: `monthlyPool + topUps`. */
  pool: credits,
  allocated: credits,
  unallocated: credits,
  used: credits,
  /** Credits reserved by active holds (part of the allocated credits). */
  held: credits,
  remaining: credits,
  usagePercent: z.number(),
  health: healthSchema,
  thresholds: thresholdsSchema,
  /** The pool alerts firing now (usage reached the yellow or red line). */
  alerts: z.array(poolAlertThresholdSchema),
  memberCount: z.number().int(),
  pendingRequests: z.number().int(),
});
/**
 * Everything the dashboard's overview shows.
 *
 * @example
 * ```ts
 * const overview: Overview = await orThrow(allot.overview({ actor: admin }));
 * console.log(`${overview.used} of ${overview.monthlyPool} used (${overview.health})`);
 * ```
 */
export type Overview = z.infer<typeof overviewSchema>;

/**
 * The zod schema of {@link Balance} (the router's OpenAPI document is generated from it).
 *
 * @example
 * ```ts
 * balanceSchema.parse(JSON.parse(body)); // validate a response you received over HTTP
 * ```
 */
export const balanceSchema = z.object({
  orgId: id,
  userId: id,
  allocated: credits,
  used: credits,
  held: credits,
  remaining: credits,
  period: periodSchema,
});
/**
 * A member's own credits for the current period.
 *
 * @example
 * ```ts
 * const balance: Balance = await orThrow(allot.balance({ actor: actors.user('acme', 'bob') }));
 * balance.remaining;
 * ```
 */
export type Balance = z.infer<typeof balanceSchema>;

/**
 * The zod schema of {@link Summary} (the router's OpenAPI document is generated from it).
 *
 * @example
 * ```ts
 * summarySchema.parse(JSON.parse(body)); // validate a response you received over HTTP
 * ```
 */
export const summarySchema = z.object({
  usage: credits,
  allocated: credits,
  revoked: credits,
  refunded: credits,
});
/**
 * Totals over a ledger filter: credits used, allocated, revoked and refunded (all positive).
 *
 * @example
 * ```ts
 * const summary: Summary = await orThrow(allot.summary({ actor: admin, filter: { userId: 'bob' } }));
 * summary.usage - summary.refunded; // net credits used
 * ```
 */
export type Summary = z.infer<typeof summarySchema>;

/**
 * The zod schema of {@link LedgerPage} (the router's OpenAPI document is generated from it).
 *
 * @example
 * ```ts
 * ledgerPageSchema.parse(JSON.parse(body)); // validate a response you received over HTTP
 * ```
 */
export const ledgerPageSchema = z.object({
  items: z.array(journalEntrySchema),
  nextCursor: z.string().nullable(),
});
/**
 * One page of journal entries, newest first, and the cursor of the next (`null` at the end).
 *
 * @example
 * ```ts
 * let cursor: string | undefined;
 * do {
 *   const page: LedgerPage = await orThrow(allot.ledger({ actor: admin, cursor }));
 *   cursor = page.nextCursor ?? undefined;
 * } while (cursor);
 * ```
 */
export type LedgerPage = z.infer<typeof ledgerPageSchema>;

/**
 * The zod schema of {@link MembersPage} (the router's OpenAPI document is generated from it).
 *
 * @example
 * ```ts
 * membersPageSchema.parse(JSON.parse(body)); // validate a response you received over HTTP
 * ```
 */
export const membersPageSchema = z.object({
  items: z.array(memberSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
/**
 * One page of members (offset paging) and how many there are in all.
 *
 * @example
 * ```ts
 * const page: MembersPage = await orThrow(allot.members({ actor: admin, limit: 20, offset: 40 }));
 * page.total; // members matching, across all pages
 * ```
 */
export type MembersPage = z.infer<typeof membersPageSchema>;

/**
 * The zod schema of {@link RequestsPage} (the router's OpenAPI document is generated from it).
 *
 * @example
 * ```ts
 * requestsPageSchema.parse(JSON.parse(body)); // validate a response you received over HTTP
 * ```
 */
export const requestsPageSchema = z.object({
  items: z.array(creditRequestSchema),
  nextCursor: z.string().nullable(),
});
/**
 * One page of credit requests, newest first, and the cursor of the next.
 *
 * @example
 * ```ts
 * const page: RequestsPage = await orThrow(allot.requests({ actor: admin, status: 'pending' }));
 * ```
 */
export type RequestsPage = z.infer<typeof requestsPageSchema>;
