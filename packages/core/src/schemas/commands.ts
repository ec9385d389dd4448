import { z } from 'zod';
import {
  credits,
  description,
  domain,
  email,
  id,
  idempotencyKey,
  metadata,
  personName,
  positiveCredits,
  role,
  storableText,
} from './primitives';
import {
  DEFAULT_MEMBER_ALERTS,
  memberAlertsSchema,
  periodAnchorDaySchema,
  rolloverPolicySchema,
  thresholdsSchema,
} from './records';

const orgScoped = { orgId: id, idempotencyKey: idempotencyKey.optional() };

const adminSeed = z.strictObject({ userId: id, email, name: personName });
// Every input is strict, nested objects too: an unknown key is a `validation` issue naming it.
const thresholdsInput = thresholdsSchema.strict();
const memberAlertsInput = memberAlertsSchema.strict();

/**
 * Validates the input of {@link Allot.createOrganization} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * createOrganizationInput.safeParse({ name: 'Acme', domains: ['acme.com'], monthlyPool: 10_000, admins: [{ userId: 'ada', email: 'ada@acme.com', name: 'Ada' }] }).success; // true
 * ```
 */
export const createOrganizationInput = z.strictObject({
  /** Your id for the organization; generated when omitted. */
  id: id.optional(),
  name: personName,
  domains: z.array(domain).max(50).default([]),
  monthlyPool: credits,
  periodAnchorDay: periodAnchorDaySchema.default(1),
  thresholds: thresholdsInput.default({ yellow: 70, red: 90 }),
  rolloverPolicy: rolloverPolicySchema.default('carry'),
  defaultAllocation: credits.default(0),
  memberAlerts: memberAlertsInput.default(DEFAULT_MEMBER_ALERTS),
  /** The first administrators; an organization always has at least one. */
  admins: z.array(adminSeed).min(1, 'an organization needs at least one admin').max(50),
  idempotencyKey: idempotencyKey.optional(),
});
/**
 * What {@link Allot.createOrganization} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: CreateOrganizationInput = { name: 'Acme', domains: ['acme.com'], monthlyPool: 10_000, admins: [{ userId: 'ada', email: 'ada@acme.com', name: 'Ada' }] };
 * ```
 */
export type CreateOrganizationInput = z.input<typeof createOrganizationInput>;

/**
 * Validates the input of {@link Allot.updateSettings} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * updateSettingsInput.safeParse({ orgId: 'acme', monthlyPool: 20_000, thresholds: { yellow: 60, red: 85 } }).success; // true
 * ```
 */
export const updateSettingsInput = z.strictObject({
  ...orgScoped,
  name: personName.optional(),
  domains: z.array(domain).max(50).optional(),
  monthlyPool: credits.optional(),
  periodAnchorDay: periodAnchorDaySchema.optional(),
  thresholds: thresholdsInput.optional(),
  rolloverPolicy: rolloverPolicySchema.optional(),
  defaultAllocation: credits.optional(),
  memberAlerts: memberAlertsInput.optional(),
});
/**
 * What {@link Allot.updateSettings} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: UpdateSettingsInput = { orgId: 'acme', monthlyPool: 20_000, thresholds: { yellow: 60, red: 85 } };
 * ```
 */
export type UpdateSettingsInput = z.input<typeof updateSettingsInput>;

/**
 * Validates the input of {@link Allot.enroll} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * enrollInput.safeParse({ userId: 'bob', email: 'bob@acme.com', name: 'Bob' }).success; // true
 * ```
 */
export const enrollInput = z.strictObject({
  userId: id,
  email,
  name: personName,
  idempotencyKey: idempotencyKey.optional(),
});
/**
 * What {@link Allot.enroll} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: EnrollInput = { userId: 'bob', email: 'bob@acme.com', name: 'Bob' };
 * ```
 */
export type EnrollInput = z.input<typeof enrollInput>;

/**
 * Validates the input of {@link Allot.setRole} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * setRoleInput.safeParse({ orgId: 'acme', userId: 'bob', role: 'admin' }).success; // true
 * ```
 */
export const setRoleInput = z.strictObject({ ...orgScoped, userId: id, role });
/**
 * What {@link Allot.setRole} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: SetRoleInput = { orgId: 'acme', userId: 'bob', role: 'admin' };
 * ```
 */
export type SetRoleInput = z.input<typeof setRoleInput>;

/**
 * Validates the input of {@link Allot.removeMember} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * removeMemberInput.safeParse({ orgId: 'acme', userId: 'bob' }).success; // true
 * ```
 */
export const removeMemberInput = z.strictObject({ ...orgScoped, userId: id });
/**
 * What {@link Allot.removeMember} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: RemoveMemberInput = { orgId: 'acme', userId: 'bob' };
 * ```
 */
export type RemoveMemberInput = z.input<typeof removeMemberInput>;

/**
 * Validates the input of {@link Allot.assign} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * assignInput.safeParse({ orgId: 'acme', userId: 'bob', total: 500, idempotencyKey: 'assign-bob-1' }).success; // true
 * ```
 */
export const assignInput = z.strictObject({ ...orgScoped, userId: id, total: credits });
/**
 * What {@link Allot.assign} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: AssignInput = { orgId: 'acme', userId: 'bob', total: 500, idempotencyKey: 'assign-bob-1' };
 * ```
 */
export type AssignInput = z.input<typeof assignInput>;

/**
 * Validates the input of {@link Allot.revoke} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * revokeInput.safeParse({ orgId: 'acme', userId: 'bob', amount: 100 }).success; // true
 * ```
 */
export const revokeInput = z.strictObject({ ...orgScoped, userId: id, amount: positiveCredits });
/**
 * What {@link Allot.revoke} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: RevokeInput = { orgId: 'acme', userId: 'bob', amount: 100 };
 * ```
 */
export type RevokeInput = z.input<typeof revokeInput>;

/**
 * Validates the input of {@link Allot.consume} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * consumeInput.safeParse({ orgId: 'acme', userId: 'bob', amount: 120, idempotencyKey: 'job-42', description: 'Render' }).success; // true
 * ```
 */
export const consumeInput = z.strictObject({
  orgId: id,
  userId: id,
  amount: positiveCredits,
  idempotencyKey,
  description: description.default(''),
  metadata: metadata.optional(),
});
/**
 * What {@link Allot.consume} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: ConsumeInput = { orgId: 'acme', userId: 'bob', amount: 120, idempotencyKey: 'job-42', description: 'Render' };
 * ```
 */
export type ConsumeInput = z.input<typeof consumeInput>;

/**
 * The most usage events one {@link Allot.consumeMany} call takes; more is a `validation` error
 * on `events`. Send larger backlogs as several calls.
 *
 * @example
 * ```ts
 * for (let i = 0; i < backlog.length; i += MAX_BATCH_EVENTS) chunks.push(backlog.slice(i, i + MAX_BATCH_EVENTS));
 * ```
 */
export const MAX_BATCH_EVENTS = 1_000;

/**
 * Validates one event of {@link Allot.consumeMany}: what `consume` takes besides `orgId`.
 *
 * @example
 * ```ts
 * usageEventInput.safeParse({ userId: 'bob', amount: 120, idempotencyKey: 'job-42' }).success; // true
 * ```
 */
export const usageEventInput = z.strictObject({
  userId: id,
  amount: positiveCredits,
  idempotencyKey,
  description: description.default(''),
  metadata: metadata.optional(),
});
/**
 * One usage event of {@link Allot.consumeMany} (optional fields may be left out).
 *
 * @example
 * ```ts
 * const event: UsageEvent = { userId: 'bob', amount: 120, idempotencyKey: 'job-42', description: 'Render' };
 * ```
 */
export type UsageEvent = z.input<typeof usageEventInput>;

/**
 * Validates the input of {@link Allot.consumeMany} (besides the `actor`): at most
 * {@link MAX_BATCH_EVENTS} events, each with its own idempotency key — a key twice in one call is
 * a `validation` issue on the later event's `events.<i>.idempotencyKey`.
 *
 * @example
 * ```ts
 * consumeManyInput.safeParse({ orgId: 'acme', events: [{ userId: 'bob', amount: 5, idempotencyKey: 'e-1' }] }).success; // true
 * ```
 */
export const consumeManyInput = z.strictObject({
  orgId: id,
  events: z
    .array(usageEventInput)
    .max(MAX_BATCH_EVENTS, `must have at most ${MAX_BATCH_EVENTS} events; send more in several calls`)
    .superRefine((events, ctx) => {
      const first = new Map<string, number>();
      events.forEach((event, i) => {
        const earlier = first.get(event.idempotencyKey);
        if (earlier === undefined) first.set(event.idempotencyKey, i);
        else {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'idempotencyKey'],
            message: `repeats the idempotency key of events.${earlier}; each event needs its own key`,
          });
        }
      });
    }),
});
/**
 * What {@link Allot.consumeMany} takes besides the `actor`.
 *
 * @example
 * ```ts
 * const input: ConsumeManyInput = { orgId: 'acme', events: [{ userId: 'bob', amount: 5, idempotencyKey: 'e-1' }] };
 * ```
 */
export type ConsumeManyInput = z.input<typeof consumeManyInput>;

/**
 * Validates the input of {@link Allot.refund} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * refundInput.safeParse({ orgId: 'acme', usageId, amount: 20, idempotencyKey: 'job-42:refund' }).success; // true
 * ```
 */
export const refundInput = z.strictObject({
  orgId: id,
  usageId: id,
  /** Credits to give back; the whole unrefunded rest of the usage when omitted. */
  amount: positiveCredits.optional(),
  idempotencyKey,
  description: description.default(''),
});
/**
 * What {@link Allot.refund} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: RefundInput = { orgId: 'acme', usageId, amount: 20, idempotencyKey: 'job-42:refund' };
 * ```
 */
export type RefundInput = z.input<typeof refundInput>;

/**
 * Validates the input of {@link Allot.submitRequest} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * submitRequestInput.safeParse({ orgId: 'acme', amount: 500, message: 'Launch week' }).success; // true
 * ```
 */
export const submitRequestInput = z.strictObject({
  ...orgScoped,
  /** The requester; defaults to the calling user. The system actor must set it. */
  userId: id.optional(),
  amount: positiveCredits,
  message: storableText.trim().max(1000, 'must be at most 1000 characters').optional(),
});
/**
 * What {@link Allot.submitRequest} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: SubmitRequestInput = { orgId: 'acme', amount: 500, message: 'Launch week' };
 * ```
 */
export type SubmitRequestInput = z.input<typeof submitRequestInput>;

/**
 * Validates the input of {@link Allot.approveRequest} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * approveRequestInput.safeParse({ orgId: 'acme', requestId, amount: 300 }).success; // true
 * ```
 */
export const approveRequestInput = z.strictObject({
  ...orgScoped,
  requestId: id,
  /** Grant less than requested; the requested amount when omitted. */
  amount: positiveCredits.optional(),
});
/**
 * What {@link Allot.approveRequest} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: ApproveRequestInput = { orgId: 'acme', requestId, amount: 300 };
 * ```
 */
export type ApproveRequestInput = z.input<typeof approveRequestInput>;

/**
 * Validates the input of {@link Allot.rejectRequest} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * rejectRequestInput.safeParse({ orgId: 'acme', requestId, reason: 'Not this month' }).success; // true
 * ```
 */
export const rejectRequestInput = z.strictObject({
  ...orgScoped,
  requestId: id,
  reason: storableText.trim().max(1000).optional(),
});
/**
 * What {@link Allot.rejectRequest} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: RejectRequestInput = { orgId: 'acme', requestId, reason: 'Not this month' };
 * ```
 */
export type RejectRequestInput = z.input<typeof rejectRequestInput>;

/**
 * Validates the input of {@link Allot.cancelRequest} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * cancelRequestInput.safeParse({ orgId: 'acme', requestId }).success; // true
 * ```
 */
export const cancelRequestInput = z.strictObject({ ...orgScoped, requestId: id });
/**
 * What {@link Allot.cancelRequest} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: CancelRequestInput = { orgId: 'acme', requestId };
 * ```
 */
export type CancelRequestInput = z.input<typeof cancelRequestInput>;

/** The longest a hold may live: 30 days. */
const MAX_HOLD_TTL_SECONDS = 30 * 24 * 60 * 60;

/**
 * Validates the input of {@link Allot.reserve} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * reserveInput.safeParse({ orgId: 'acme', userId: 'bob', amount: 300, ttlSeconds: 600, idempotencyKey: 'job-7' }).success; // true
 * ```
 */
export const reserveInput = consumeInput.extend({
  /** Seconds until an uncaptured hold lapses and its credits return; 15 minutes by default. */
  ttlSeconds: z.number().int().min(1).max(MAX_HOLD_TTL_SECONDS).default(900),
});
/**
 * What {@link Allot.reserve} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: ReserveInput = { orgId: 'acme', userId: 'bob', amount: 300, idempotencyKey: 'job-7' };
 * ```
 */
export type ReserveInput = z.input<typeof reserveInput>;

/**
 * Validates the input of {@link Allot.capture} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * captureInput.safeParse({ orgId: 'acme', holdId, amount: 240, idempotencyKey: 'job-7:capture' }).success; // true
 * ```
 */
export const captureInput = z.strictObject({
  orgId: id,
  holdId: id,
  /** Credits actually used, at most the hold's amount; the whole hold when omitted. */
  amount: positiveCredits.optional(),
  idempotencyKey,
  /** The usage entry's description; the hold's when empty. */
  description: description.default(''),
});
/**
 * What {@link Allot.capture} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: CaptureInput = { orgId: 'acme', holdId, amount: 240, idempotencyKey: 'job-7:capture' };
 * ```
 */
export type CaptureInput = z.input<typeof captureInput>;

/**
 * Validates the input of {@link Allot.release} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * releaseInput.safeParse({ orgId: 'acme', holdId }).success; // true
 * ```
 */
export const releaseInput = z.strictObject({ ...orgScoped, holdId: id });
/**
 * What {@link Allot.release} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: ReleaseInput = { orgId: 'acme', holdId, idempotencyKey: 'job-7:release' };
 * ```
 */
export type ReleaseInput = z.input<typeof releaseInput>;

/**
 * Validates the input of {@link Allot.topUp} (besides the `actor`); `Allot` runs it before anything else.
 *
 * @example
 * ```ts
 * topUpInput.safeParse({ orgId: 'acme', amount: 2_000, reason: 'Launch week' }).success; // true
 * ```
 */
export const topUpInput = z.strictObject({
  ...orgScoped,
  amount: positiveCredits,
  reason: storableText.trim().max(500).optional(),
});
/**
 * What {@link Allot.topUp} takes besides the `actor` (optional fields may be left out).
 *
 * @example
 * ```ts
 * const input: TopUpInput = { orgId: 'acme', amount: 2_000, reason: 'Launch week' };
 * ```
 */
export type TopUpInput = z.input<typeof topUpInput>;
