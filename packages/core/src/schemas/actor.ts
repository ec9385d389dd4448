import { z } from 'zod';
import { actorId } from './primitives';

/**
 * Who is calling. The host authenticates and passes the actor; Allot authorizes it against its
 * own member records (the role comes from Allot's store, never from the caller). The ids are
 * taken exactly as given: surrounding whitespace, NUL or an unpaired surrogate is a `validation`
 * error on `actor.orgId` / `actor.userId`, never trimmed into some other member's id.
 *
 * @example
 * ```ts
 * actorSchema.parse({ type: 'user', orgId: 'acme', userId: 'bob' });
 * ```
 */
export const actorSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('user'), orgId: actorId, userId: actorId }),
  z.strictObject({ type: z.literal('system') }),
]);
/**
 * Who is calling: `{ type: 'user', orgId, userId }` or `{ type: 'system' }`. See {@link actors}.
 *
 * @example
 * ```ts
 * const actor: Actor = session ? actors.user(session.orgId, session.userId) : actors.system();
 * ```
 */
export type Actor = z.infer<typeof actorSchema>;
/**
 * A signed-in person acting inside one organization: calls by one may leave `orgId` out.
 *
 * @example
 * ```ts
 * const ada: UserActor = actors.user('acme', 'ada');
 * await allot.overview({ actor: ada }); // orgId 'acme', from the actor
 * ```
 */
export type UserActor = Extract<Actor, { type: 'user' }>;
/**
 * The host's own server, trusted for every organization: its calls name the `orgId`.
 *
 * @example
 * ```ts
 * const billing: SystemActor = actors.system();
 * ```
 */
export type SystemActor = Extract<Actor, { type: 'system' }>;

/**
 * Builds actors.
 *
 * @example
 * ```ts
 * await allot.consume({ actor: actors.system(), orgId, userId: 'bob', amount: 5, idempotencyKey: 'job-1' });
 * await allot.overview({ actor: actors.user(orgId, 'ada') }); // a person's calls take the org from the actor
 * ```
 */
export const actors = {
  /**
   * A signed-in person acting inside one organization. The ids are checked when the actor is
   * used: a call with `actors.user(orgId, ' ada ')` is a `validation` error on `actor.userId`.
   */
  user: (orgId: string, userId: string): UserActor => ({ type: 'user', orgId, userId }),
  /** The host's own server (metering, sign-up hooks, seeding); trusted for every org. */
  system: (): SystemActor => ({ type: 'system' }),
};

/**
 * How an actor is written in the journal: `user:<id>` or `system`.
 *
 * @example
 * ```ts
 * actorLabel(actors.user('acme', 'ada')); // 'user:ada'
 * actorLabel(actors.system()); // 'system'
 * ```
 */
export function actorLabel(actor: Actor): string {
  return actor.type === 'system' ? 'system' : `user:${actor.userId}`;
}
