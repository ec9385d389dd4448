import { z } from 'zod';
import { id, instantInput, limit } from './primitives';
import { eventTypeSchema, requestStatusSchema } from './records';

const orgScoped = { orgId: id };

/** A single value or a comma-separated list (as query strings carry it) → array. */
const eventTypes = z
  .union([eventTypeSchema, z.array(eventTypeSchema), z.string()])
  .transform((value) => (Array.isArray(value) ? value : value.split(',').map((v) => v.trim())))
  .pipe(z.array(eventTypeSchema).min(1).max(20));

/** Which journal entries a ledger read, summary or export covers. */
export const ledgerFilterSchema = z
  .object({
    userId: id.optional(),
    type: eventTypes.optional(),
    /** Inclusive lower bound on the entry time. */
    from: instantInput.optional(),
    /** Exclusive upper bound on the entry time. */
    to: instantInput.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: 'from must not be after to',
    path: ['from'],
  });
export type LedgerFilterInput = z.input<typeof ledgerFilterSchema>;
export type LedgerFilter = z.output<typeof ledgerFilterSchema>;

export const overviewInput = z.object(orgScoped);
export type OverviewInput = z.input<typeof overviewInput>;

export const getSettingsInput = z.object(orgScoped);
export type GetSettingsInput = z.input<typeof getSettingsInput>;

export const membersInput = z.object({
  ...orgScoped,
  search: z.string().trim().max(200).optional(),
  limit,
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  includeRemoved: z.boolean().default(false),
});
export type MembersInput = z.input<typeof membersInput>;

export const requestsInput = z.object({
  ...orgScoped,
  status: z.union([requestStatusSchema, z.literal('all')]).default('all'),
  /** Only this member's requests (members always see only their own). */
  userId: id.optional(),
  cursor: z.string().max(500).optional(),
  limit,
});
export type RequestsInput = z.input<typeof requestsInput>;

export const ledgerInput = z.object({
  ...orgScoped,
  filter: ledgerFilterSchema.default({}),
  cursor: z.string().max(500).optional(),
  limit,
});
export type LedgerInput = z.input<typeof ledgerInput>;

export const summaryInput = z.object({ ...orgScoped, filter: ledgerFilterSchema.default({}) });
export type SummaryInput = z.input<typeof summaryInput>;

export const exportCsvInput = summaryInput;
export type ExportCsvInput = z.input<typeof exportCsvInput>;

export const balanceInput = z.object({
  ...orgScoped,
  /** Whose balance; defaults to the calling user. */
  userId: id.optional(),
});
export type BalanceInput = z.input<typeof balanceInput>;
