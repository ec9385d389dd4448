import { z } from 'zod';
import { id } from './primitives';

/**
 * Who is calling. The host authenticates and passes the actor; Allot authorizes it against its
 * own member records (the role comes from Allot's store, never from the caller).
 */
export const actorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), orgId: id, userId: id }),
  z.object({ type: z.literal('system') }),
]);
export type Actor = z.infer<typeof actorSchema>;

/** Builds actors. */
export const actors = {
  /** A signed-in person acting inside one organization. */
  user: (orgId: string, userId: string): Actor => ({ type: 'user', orgId, userId }),
  /** The host's own server (metering, sign-up hooks, seeding); trusted for every org. */
  system: (): Actor => ({ type: 'system' }),
};

/** How an actor is written in the journal: `user:<id>` or `system`. */
export function actorLabel(actor: Actor): string {
  return actor.type === 'system' ? 'system' : `user:${actor.userId}`;
}
