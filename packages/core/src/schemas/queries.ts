import { z } from 'zod';
import { holdStatusSchema } from './holds';
import { id, instantInput, limit, storableText } from './primitives';
import { eventTypeSchema, requestStatusSchema } from './records';

const orgScoped = { orgId: id };

/** A single value or a comma-separated list (as query strings carry it) → array. */
const eventTypes = z
  .union([eventTypeSchema, z.array(eventTypeSchema), storableText])
  .transform((value) => (Array.isArray(value) ? value : value.split(',').map((v) => v.trim())))
  .pipe(z.array(eventTypeSchema).min(1).max(20));

/**
 * Which journal entries a ledger read, summary or export covers.
 *
 * @example
 * ```ts
 * ledgerFilterSchema.parse({ type: 'usage,refund', from: '2026-11-01' });
 * // { type: ['usage', 'refund'], from: '2026-11-01T00:00:00.000Z' }
 * ```
 */
export const ledgerFilterSchema = z
  .strictObject({
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
/**
 * A ledger filter as callers write it: `type` may be one type, a list, or a comma-separated string; `from` and `to` a `Date`, a date or a date-time.
 *
 * @example
 * ```ts
 * const filter: LedgerFilterInput = { userId: 'bob', type: 'usage', from: new Date('2026-11-01') };
 * ```
 */
export type LedgerFilterInput = z.input<typeof ledgerFilterSchema>;
/**
 * A ledger filter once validated: event types as a list, `from` (inclusive) and `to` (exclusive) as ISO UTC strings.
 *
 * @example
 * ```ts
 * const filter: LedgerFilter = { userId: 'bob', type: ['usage', 'refund'], from: '2026-11-01T00:00:00.000Z' };
 * ```
 */
export type LedgerFilter = z.output<typeof ledgerFilterSchema>;

/**
 * Validates the input of {@link Allot.overview} (besides the `actor`).
 *
 * @example
 * ```ts
 * overviewInput.safeParse({ orgId: 'acme' }).success; // true
 * ```
 */
export const overviewInput = z.strictObject(orgScoped);
/**
 * What {@link Allot.overview} takes besides the `actor`.
 *
 * @example
 * ```ts
 * const input: OverviewInput = { orgId: 'acme' };
 * ```
 */
export type OverviewInput = z.input<typeof overviewInput>;

/**
 * Validates the input of {@link Allot.getSettings} (besides the `actor`).
 *
 * @example
 * ```ts
 * getSettingsInput.safeParse({ orgId: 'acme' }).success; // true
 * ```
 */
export const getSettingsInput = z.strictObject(orgScoped);
/**
 * What {@link Allot.getSettings} takes besides the `actor`.
 *
 * @example
 * ```ts
 * const input: GetSettingsInput = { orgId: 'acme' };
 * ```
 */
export type GetSettingsInput = z.input<typeof getSettingsInput>;

/**
 * Validates the input of {@link Allot.members} (besides the `actor`).
 *
 * @example
 * ```ts
 * membersInput.safeParse({ orgId: 'acme', search: 'ada', limit: 20, offset: 0 }).success; // true
 * ```
 */
export const membersInput = z.strictObject({
  ...orgScoped,
  search: storableText.trim().max(200).optional(),
  limit,
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  includeRemoved: z.boolean().default(false),
});
/**
 * What {@link Allot.members} takes besides the `actor`.
 *
 * @example
 * ```ts
 * const input: MembersInput = { orgId: 'acme', search: 'ada', limit: 20, offset: 0 };
 * ```
 */
export type MembersInput = z.input<typeof membersInput>;

/**
 * Validates the input of {@link Allot.requests} (besides the `actor`).
 *
 * @example
 * ```ts
 * requestsInput.safeParse({ orgId: 'acme', status: 'pending' }).success; // true
 * ```
 */
export const requestsInput = z.strictObject({
  ...orgScoped,
  status: z.union([requestStatusSchema, z.literal('all')]).default('all'),
  /** Only this member's requests (members always see only their own). */
  userId: id.optional(),
  cursor: storableText.max(500).optional(),
  limit,
});
/**
 * What {@link Allot.requests} takes besides the `actor`.
 *
 * @example
 * ```ts
 * const input: RequestsInput = { orgId: 'acme', status: 'pending' };
 * ```
 */
export type RequestsInput = z.input<typeof requestsInput>;

/**
 * Validates the input of {@link Allot.ledger} (besides the `actor`).
 *
 * @example
 * ```ts
 * ledgerInput.safeParse({ orgId: 'acme', filter: { userId: 'bob', type: ['usage'] }, limit: 25 }).success; // true
 * ```
 */
export const ledgerInput = z.strictObject({
  ...orgScoped,
  filter: ledgerFilterSchema.default({}),
  cursor: storableText.max(500).optional(),
  limit,
});
/**
 * What {@link Allot.ledger} takes besides the `actor`.
 *
 * @example
 * ```ts
 * const input: LedgerInput = { orgId: 'acme', filter: { userId: 'bob', type: ['usage'] }, limit: 25 };
 * ```
 */
export type LedgerInput = z.input<typeof ledgerInput>;

/**
 * Validates the input of {@link Allot.summary} (besides the `actor`).
 *
 * @example
 * ```ts
 * summaryInput.safeParse({ orgId: 'acme', filter: { from: '2026-11-01' } }).success; // true
 * ```
 */
export const summaryInput = z.strictObject({ ...orgScoped, filter: ledgerFilterSchema.default({}) });
/**
 * What {@link Allot.summary} takes besides the `actor`.
 *
 * @example
 * ```ts
 * const input: SummaryInput = { orgId: 'acme', filter: { from: '2026-11-01' } };
 * ```
 */
export type SummaryInput = z.input<typeof summaryInput>;

/**
 * Validates the input of {@link Allot.exportCsv} (besides the `actor`).
 *
 * @example
 * ```ts
 * exportCsvInput.safeParse({ orgId: 'acme', filter: { type: ['usage', 'refund'] } }).success; // true
 * ```
 */
export const exportCsvInput = summaryInput;
/**
 * What {@link Allot.exportCsv} takes besides the `actor`.
 *
 * @example
 * ```ts
 * const input: ExportCsvInput = { orgId: 'acme', filter: { type: ['usage', 'refund'] } };
 * ```
 */
export type ExportCsvInput = z.input<typeof exportCsvInput>;

/**
 * Validates the input of {@link Allot.balance} (besides the `actor`).
 *
 * @example
 * ```ts
 * balanceInput.safeParse({ orgId: 'acme', userId: 'bob' }).success; // true
 * ```
 */
export const balanceInput = z.strictObject({
  ...orgScoped,
  /** Whose balance; defaults to the calling user. */
  userId: id.optional(),
});
/**
 * What {@link Allot.balance} takes besides the `actor`.
 *
 * @example
 * ```ts
 * const input: BalanceInput = { orgId: 'acme', userId: 'bob' };
 * ```
 */
export type BalanceInput = z.input<typeof balanceInput>;

/**
 * A saved {@link JournalHead} as `verifyJournal` takes it back: each chain's head (the
 * organization's with `userId: null`), and its digest.
 *
 * @example
 * ```ts
 * journalHeadSchema.safeParse({ orgId: 'acme', chains: [{ userId: null, seq: 1, hash: 'ab'.repeat(32) }], digest: 'cd'.repeat(32) }).success; // true
 * ```
 */
export const journalHeadSchema = z.strictObject({
  orgId: id,
  chains: z
    .array(
      z.strictObject({
        userId: id.nullable(),
        seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
        hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
      }),
    )
    .max(10_000_000),
  digest: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
});

/**
 * Validates the input of {@link Allot.journalHead} (besides the `actor`).
 *
 * @example
 * ```ts
 * journalHeadInput.safeParse({ orgId: 'acme' }).success; // true
 * ```
 */
export const journalHeadInput = z.strictObject(orgScoped);

/**
 * What {@link Allot.journalHead} takes besides the `actor`.
 *
 * @example
 * ```ts
 * const input: JournalHeadInput = { orgId: 'acme' };
 * ```
 */
export type JournalHeadInput = z.input<typeof journalHeadInput>;

/**
 * Validates the input of {@link Allot.verifyJournal} (besides the `actor`).
 *
 * @example
 * ```ts
 * verifyJournalInput.safeParse({ orgId: 'acme' }).success; // true
 * ```
 */
export const verifyJournalInput = z.strictObject({
  ...orgScoped,
  /**
   * A head saved earlier with `journalHead` (for this organization): every chain must still
   * start with what it held, so a truncation, rollback or rehash since then shows.
   */
  head: journalHeadSchema.optional(),
  /** The most breaks listed (the answer says when there were more). */
  maxBreaks: z.number().int().min(1).max(100_000).default(1000),
  /** Entries and members read per round trip (memory use is one page of each). */
  pageSize: z.number().int().min(1).max(10_000).default(500),
});

/**
 * What {@link Allot.verifyJournal} takes besides the `actor`.
 *
 * @example
 * ```ts
 * const input: VerifyJournalInput = { orgId: 'acme' };
 * ```
 */
export type VerifyJournalInput = z.input<typeof verifyJournalInput>;

/**
 * Validates the input of {@link Allot.holds} (besides the `actor`).
 *
 * @example
 * ```ts
 * holdsInput.safeParse({ orgId: 'acme', status: 'active', userId: 'bob' }).success; // true
 * ```
 */
export const holdsInput = z.strictObject({
  ...orgScoped,
  status: z.union([holdStatusSchema, z.literal('all')]).default('active'),
  /** Only this member's holds (members always see only their own). */
  userId: id.optional(),
  cursor: storableText.max(500).optional(),
  limit,
});
/**
 * What {@link Allot.holds} takes besides the `actor`.
 *
 * @example
 * ```ts
 * const input: HoldsInput = { orgId: 'acme', status: 'active' };
 * ```
 */
export type HoldsInput = z.input<typeof holdsInput>;
