import { z } from 'zod';
import { credits, id, timestamp } from './primitives';
import {
  creditRequestSchema,
  journalEntrySchema,
  memberAlertThresholdSchema,
  memberSchema,
  periodSchema,
  poolAlertThresholdSchema,
} from './records';

/**
 * The zod schema of {@link AlertDetails}.
 *
 * @example
 * ```ts
 * alertDetailsSchema.parse({ scope: 'pool', threshold: 'red', limit: 90, usagePercent: 91.5, used: 9_150, pool: 10_000 });
 * ```
 */
export const alertDetailsSchema = z.discriminatedUnion('scope', [
  z.object({
    scope: z.literal('member'),
    userId: id,
    threshold: memberAlertThresholdSchema,
    /** The threshold: credits for `remaining_below`, a percentage for `remaining_below_percent`. */
    limit: z.number(),
    remaining: credits,
    allocated: credits,
  }),
  z.object({
    scope: z.literal('pool'),
    threshold: poolAlertThresholdSchema,
    /** The usage percentage of the line. */
    limit: z.number(),
    usagePercent: z.number(),
    used: credits,
    pool: credits,
  }),
]);
/**
 * What an alert is about: a member's remaining credits or the pool's usage, and the figures
 * when it fired or cleared.
 *
 * @example
 * ```ts
 * const alert: AlertDetails = { scope: 'member', userId: 'bob', threshold: 'remaining_below', limit: 100, remaining: 40, allocated: 3_000 };
 * ```
 */
export type AlertDetails = z.infer<typeof alertDetailsSchema>;

const base = { id, orgId: id, at: timestamp };

/**
 * The zod schema of {@link AllotEvent}; webhook receivers can validate deliveries with it.
 *
 * @example
 * ```ts
 * const event = allotEventSchema.parse(JSON.parse(body));
 * if (event.type === 'alert.triggered') notify(event.alert);
 * ```
 */
export const allotEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('journal.entry'), entry: journalEntrySchema }),
  z.object({ ...base, type: z.literal('request.submitted'), request: creditRequestSchema }),
  z.object({ ...base, type: z.literal('request.decided'), request: creditRequestSchema }),
  z.object({ ...base, type: z.literal('member.enrolled'), member: memberSchema }),
  z.object({
    ...base,
    type: z.literal('period.rolled_over'),
    closed: periodSchema.extend({
      monthlyPool: credits,
      topUps: credits,
      allocated: credits,
      used: credits,
    }),
    current: periodSchema,
  }),
  z.object({ ...base, type: z.literal('alert.triggered'), alert: alertDetailsSchema }),
  z.object({ ...base, type: z.literal('alert.recovered'), alert: alertDetailsSchema }),
]);
/**
 * Something that happened in an organization, delivered to `allot.on(...)` subscribers after
 * its transaction committed — at least once, so deduplicate by `id`.
 *
 * @example
 * ```ts
 * allot.on('journal.entry', (event) => console.log(event.id, event.entry.type, event.entry.amount));
 * ```
 */
export type AllotEvent = z.infer<typeof allotEventSchema>;

/**
 * Every event type.
 *
 * @example
 * ```ts
 * ALLOT_EVENT_TYPES.includes('alert.triggered'); // true
 * ```
 */
export const ALLOT_EVENT_TYPES = allotEventSchema.options.map((o) => o.shape.type.value);
/**
 * The `type` of an {@link AllotEvent}.
 *
 * @example
 * ```ts
 * const type: AllotEventType = 'request.submitted';
 * ```
 */
export type AllotEventType = AllotEvent['type'];
/**
 * The event of one type.
 *
 * @example
 * ```ts
 * const onAlert = (event: AllotEventOf<'alert.triggered'>) => console.log(event.alert.scope);
 * ```
 */
export type AllotEventOf<T extends AllotEventType> = Extract<AllotEvent, { type: T }>;
