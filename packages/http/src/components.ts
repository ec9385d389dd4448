import {
  balanceSchema,
  creditRequestSchema,
  credits,
  holdSchema,
  holdsPageSchema,
  journalEntrySchema,
  ledgerPageSchema,
  memberAlertsSchema,
  memberSchema,
  membersPageSchema,
  organizationSchema,
  overviewSchema,
  periodSchema,
  requestsPageSchema,
  summarySchema,
  thresholdsSchema,
} from '@allot/core';
import { z } from 'zod';
import { problemSchema } from './problem';

/**
 * Every response body the handler sends, by the name it has under `components.schemas` in the
 * OpenAPI document. All come from the core's output schemas; the few result objects that pair
 * two records are composed here from those same schemas.
 *
 * @example
 * ```ts
 * import { responseSchemas } from '@allot/http';
 *
 * const overview = responseSchemas.Overview.parse(await (await fetch('/api/credits/overview')).json());
 * ```
 */
export const responseSchemas = {
  Organization: organizationSchema,
  Thresholds: thresholdsSchema,
  MemberAlerts: memberAlertsSchema,
  Period: periodSchema,
  Overview: overviewSchema,
  Member: memberSchema,
  MembersPage: membersPageSchema,
  CreditRequest: creditRequestSchema,
  RequestsPage: requestsPageSchema,
  JournalEntry: journalEntrySchema,
  LedgerPage: ledgerPageSchema,
  Summary: summarySchema,
  Balance: balanceSchema,
  Hold: holdSchema,
  HoldsPage: holdsPageSchema,
  /** `PUT /members/:userId/allocation`, `POST /members/:userId/revocations`; `entry` is null when nothing changed. */
  AllocationResult: z.object({ member: memberSchema, entry: journalEntrySchema.nullable() }),
  /** `PATCH /members/:userId`, `DELETE /members/:userId`. */
  MemberResult: z.object({ member: memberSchema }),
  /** `POST /requests/:id/approve`. */
  ApprovalResult: z.object({ request: creditRequestSchema, member: memberSchema, entry: journalEntrySchema }),
  /** `POST /usage`. */
  ConsumeResult: z.object({ usage: journalEntrySchema, member: memberSchema }),
  /** `POST /usage/batch`: one result per event; a refused event carries its problem. */
  ConsumeManyResult: z.object({
    results: z.array(
      z.discriminatedUnion('ok', [
        z.object({
          ok: z.literal(true),
          idempotencyKey: z.string(),
          usage: journalEntrySchema,
          member: memberSchema,
        }),
        z.object({ ok: z.literal(false), idempotencyKey: z.string(), error: problemSchema }),
      ]),
    ),
  }),
  /** `POST /refunds`. */
  RefundResult: z.object({ refund: journalEntrySchema, member: memberSchema }),
  /** `POST /holds`, `POST /holds/:holdId/release`. */
  HoldResult: z.object({ hold: holdSchema, member: memberSchema }),
  /** `POST /holds/:holdId/capture`. */
  CaptureResult: z.object({ hold: holdSchema, usage: journalEntrySchema, member: memberSchema }),
  /** `POST /top-ups`: the entry, this period's top-ups and its pool (monthly pool plus top-ups). */
  TopUpResult: z.object({
    entry: journalEntrySchema,
    topUps: credits,
    pool: credits,
  }),
  /** `GET /ledger.csv`: RFC 4180 text with a header row. */
  LedgerCsv: z.string(),
  Problem: problemSchema,
} as const;

/**
 * The name of a response schema in the OpenAPI document.
 *
 * @example
 * ```ts
 * const name: ResponseName = 'LedgerPage'; // #/components/schemas/LedgerPage
 * ```
 */
export type ResponseName = keyof typeof responseSchemas;
