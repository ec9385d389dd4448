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
} from './primitives';
import { periodAnchorDaySchema, rolloverPolicySchema, thresholdsSchema } from './records';

const orgScoped = { orgId: id, idempotencyKey: idempotencyKey.optional() };

const adminSeed = z.object({ userId: id, email, name: personName });

export const createOrganizationInput = z.object({
  /** Your id for the organization; generated when omitted. */
  id: id.optional(),
  name: personName,
  domains: z.array(domain).max(50).default([]),
  monthlyPool: credits,
  periodAnchorDay: periodAnchorDaySchema.default(1),
  thresholds: thresholdsSchema.default({ yellow: 70, red: 90 }),
  rolloverPolicy: rolloverPolicySchema.default('carry'),
  defaultAllocation: credits.default(0),
  /** The first administrators; an organization always has at least one. */
  admins: z.array(adminSeed).min(1, 'an organization needs at least one admin').max(50),
  idempotencyKey: idempotencyKey.optional(),
});
export type CreateOrganizationInput = z.input<typeof createOrganizationInput>;

export const updateSettingsInput = z.object({
  ...orgScoped,
  name: personName.optional(),
  domains: z.array(domain).max(50).optional(),
  monthlyPool: credits.optional(),
  periodAnchorDay: periodAnchorDaySchema.optional(),
  thresholds: thresholdsSchema.optional(),
  rolloverPolicy: rolloverPolicySchema.optional(),
  defaultAllocation: credits.optional(),
});
export type UpdateSettingsInput = z.input<typeof updateSettingsInput>;

export const enrollInput = z.object({
  userId: id,
  email,
  name: personName,
  idempotencyKey: idempotencyKey.optional(),
});
export type EnrollInput = z.input<typeof enrollInput>;

export const setRoleInput = z.object({ ...orgScoped, userId: id, role });
export type SetRoleInput = z.input<typeof setRoleInput>;

export const removeMemberInput = z.object({ ...orgScoped, userId: id });
export type RemoveMemberInput = z.input<typeof removeMemberInput>;

export const assignInput = z.object({ ...orgScoped, userId: id, total: credits });
export type AssignInput = z.input<typeof assignInput>;

export const revokeInput = z.object({ ...orgScoped, userId: id, amount: positiveCredits });
export type RevokeInput = z.input<typeof revokeInput>;

export const consumeInput = z.object({
  orgId: id,
  userId: id,
  amount: positiveCredits,
  idempotencyKey,
  description: description.default(''),
  metadata: metadata.optional(),
});
export type ConsumeInput = z.input<typeof consumeInput>;

export const refundInput = z.object({
  orgId: id,
  usageId: id,
  /** Credits to give back; the whole unrefunded rest of the usage when omitted. */
  amount: positiveCredits.optional(),
  idempotencyKey,
  description: description.default(''),
});
export type RefundInput = z.input<typeof refundInput>;

export const submitRequestInput = z.object({
  ...orgScoped,
  /** The requester; defaults to the calling user. The system actor must set it. */
  userId: id.optional(),
  amount: positiveCredits,
  message: z.string().trim().max(1000, 'must be at most 1000 characters').optional(),
});
export type SubmitRequestInput = z.input<typeof submitRequestInput>;

export const approveRequestInput = z.object({
  ...orgScoped,
  requestId: id,
  /** Grant less than requested; the requested amount when omitted. */
  amount: positiveCredits.optional(),
});
export type ApproveRequestInput = z.input<typeof approveRequestInput>;

export const rejectRequestInput = z.object({
  ...orgScoped,
  requestId: id,
  reason: z.string().trim().max(1000).optional(),
});
export type RejectRequestInput = z.input<typeof rejectRequestInput>;

export const cancelRequestInput = z.object({ ...orgScoped, requestId: id });
export type CancelRequestInput = z.input<typeof cancelRequestInput>;
