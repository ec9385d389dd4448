import { z } from 'zod';
import { credits, domain, email, id, personName, role, timestamp } from './primitives';

/** A percentage of the pool used, 0–100. */
const percent = z.number().min(0).max(100);

/** Usage thresholds for the pool's health colour: green below `yellow` %, yellow below `red` %, red from `red` %. */
export const thresholdsSchema = z
  .object({ yellow: percent, red: percent })
  .refine((t) => t.yellow <= t.red, { message: 'yellow must not exceed red', path: ['yellow'] });
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** What happens to allocations when a billing period ends: `carry` keeps them, `reset` zeroes them. */
export const rolloverPolicySchema = z.enum(['carry', 'reset']);
export type RolloverPolicy = z.infer<typeof rolloverPolicySchema>;

/** Day of the month (UTC) a billing period starts on; 1–28 so every month has it. */
export const periodAnchorDaySchema = z.number().int().min(1).max(28);

export const organizationSchema = z.object({
  id,
  name: personName,
  domains: z.array(domain),
  monthlyPool: credits,
  periodAnchorDay: periodAnchorDaySchema,
  thresholds: thresholdsSchema,
  rolloverPolicy: rolloverPolicySchema,
  defaultAllocation: credits,
  createdAt: timestamp,
  updatedAt: timestamp,
});
/** An organization's settings. */
export type Organization = z.infer<typeof organizationSchema>;

export const periodSchema = z.object({ start: timestamp, end: timestamp });
/** A billing period: `start` inclusive, `end` exclusive (when credits reset). */
export type Period = z.infer<typeof periodSchema>;

export const memberStatusSchema = z.enum(['active', 'removed']);
export const memberSchema = z.object({
  orgId: id,
  userId: id,
  email,
  name: personName,
  role,
  status: memberStatusSchema,
  allocated: credits,
  used: credits,
  remaining: credits,
  createdAt: timestamp,
  updatedAt: timestamp,
});
/** A member of an organization with this period's allocation and usage. */
export type Member = z.infer<typeof memberSchema>;

export const requestStatusSchema = z.enum(['pending', 'approved', 'rejected', 'cancelled']);
export type RequestStatus = z.infer<typeof requestStatusSchema>;
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
/** A member's request for more credits. */
export type CreditRequest = z.infer<typeof creditRequestSchema>;

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
]);
/** The kind of a journal entry. */
export type EventType = z.infer<typeof eventTypeSchema>;

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
  idempotencyKey: z.string().nullable(),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
});
/** One append-only journal (ledger) entry. */
export type JournalEntry = z.infer<typeof journalEntrySchema>;

export const healthSchema = z.enum(['green', 'yellow', 'red']);
export type Health = z.infer<typeof healthSchema>;

export const overviewSchema = z.object({
  orgId: id,
  name: personName,
  period: periodSchema,
  monthlyPool: credits,
  allocated: credits,
  unallocated: credits,
  used: credits,
  remaining: credits,
  usagePercent: z.number(),
  health: healthSchema,
  thresholds: thresholdsSchema,
  memberCount: z.number().int(),
  pendingRequests: z.number().int(),
});
/** Everything the dashboard's overview shows. */
export type Overview = z.infer<typeof overviewSchema>;

export const balanceSchema = z.object({
  orgId: id,
  userId: id,
  allocated: credits,
  used: credits,
  remaining: credits,
  period: periodSchema,
});
/** A member's own credits for the current period. */
export type Balance = z.infer<typeof balanceSchema>;

export const summarySchema = z.object({
  usage: credits,
  allocated: credits,
  revoked: credits,
  refunded: credits,
});
/** Totals over a ledger filter: credits used, allocated, revoked and refunded (all positive). */
export type Summary = z.infer<typeof summarySchema>;

export const ledgerPageSchema = z.object({
  items: z.array(journalEntrySchema),
  nextCursor: z.string().nullable(),
});
export type LedgerPage = z.infer<typeof ledgerPageSchema>;

export const membersPageSchema = z.object({
  items: z.array(memberSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type MembersPage = z.infer<typeof membersPageSchema>;

export const requestsPageSchema = z.object({
  items: z.array(creditRequestSchema),
  nextCursor: z.string().nullable(),
});
export type RequestsPage = z.infer<typeof requestsPageSchema>;
