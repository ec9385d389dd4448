import { z } from 'zod';
import { credits, description, id, metadata, positiveCredits, timestamp } from './primitives';

/**
 * A hold's status: `active` (credits reserved), `captured` (turned into usage), `released` or
 * `expired` (credits returned).
 *
 * @example
 * ```ts
 * holdStatusSchema.parse('active');
 * ```
 */
export const holdStatusSchema = z.enum(['active', 'captured', 'released', 'expired']);
/**
 * A hold's status.
 *
 * @example
 * ```ts
 * const status: HoldStatus = 'captured';
 * ```
 */
export type HoldStatus = z.infer<typeof holdStatusSchema>;

/**
 * The zod schema of {@link Hold} (the router's OpenAPI document is generated from it).
 *
 * @example
 * ```ts
 * holdSchema.parse(JSON.parse(body)); // validate a response you received over HTTP
 * ```
 */
export const holdSchema = z.object({
  id,
  orgId: id,
  userId: id,
  /** Credits reserved. */
  amount: positiveCredits,
  status: holdStatusSchema,
  /** Credits turned into usage when captured; null otherwise. */
  captured: credits.nullable(),
  description,
  metadata: metadata.nullable(),
  createdAt: timestamp,
  /** When an active hold lapses and its credits return to the member. */
  expiresAt: timestamp,
  /** When it was captured, released or expired. */
  settledAt: timestamp.nullable(),
});
/**
 * Credits reserved for work that has not finished yet: `capture` turns (part of) them into
 * usage, `release` or expiry returns them.
 *
 * @example
 * ```ts
 * const { hold } = await orThrow(
 *   allot.reserve({ actor: actors.system(), orgId: 'acme', userId: 'bob', amount: 300, idempotencyKey: 'job-7' }),
 * );
 * hold.expiresAt; // 15 minutes from now by default
 * ```
 */
export type Hold = z.infer<typeof holdSchema>;

/**
 * The zod schema of {@link HoldsPage} (the router's OpenAPI document is generated from it).
 *
 * @example
 * ```ts
 * holdsPageSchema.parse(JSON.parse(body)); // validate a response you received over HTTP
 * ```
 */
export const holdsPageSchema = z.object({
  items: z.array(holdSchema),
  nextCursor: z.string().nullable(),
});
/**
 * One page of holds, newest first, and the cursor of the next.
 *
 * @example
 * ```ts
 * const page: HoldsPage = await orThrow(allot.holds({ actor: admin, status: 'active' }));
 * ```
 */
export type HoldsPage = z.infer<typeof holdsPageSchema>;
