import type { Allot } from '@allot/core';
import type { Request } from 'express';

/**
 * The signed-in caller, as the host's own authentication knows them.
 *
 * @example
 * ```ts
 * const caller: AllotCaller = { orgId: session.orgId, userId: session.userId };
 * ```
 */
export interface AllotCaller {
  /** The organization the caller acts in. */
  orgId: string;
  /** The caller's user id (the one Allot's member records use). */
  userId: string;
}

/**
 * Tells the router who is calling. Return `null` when nobody is signed in (the router answers
 * 401). Allot authorizes from its own member records, so the role is never taken from here.
 * It may be async, and may throw (the router answers 500 and reports the error to `onError`).
 *
 * @example
 * ```ts
 * const getActor: GetActor = async (req) => {
 *   const session = await sessions.read(req.get('authorization'));
 *   return session ? { orgId: session.orgId, userId: session.userId } : null;
 * };
 * ```
 */
export type GetActor = (
  req: Request,
) => AllotCaller | null | undefined | Promise<AllotCaller | null | undefined>;

/**
 * Options of {@link createAllotRouter}.
 *
 * @example
 * ```ts
 * const options: AllotRouterOptions = { allot, getActor, usageRoutes: true, bodyLimit: '50kb' };
 * ```
 */
export interface AllotRouterOptions {
  /** The Allot instance (`createAllot({ store })`). */
  allot: Allot;
  /** Who is calling; see {@link GetActor}. */
  getActor: GetActor;
  /**
   * Serve the metering routes (admins only): `POST /usage`, `POST /refunds`, and the holds
   * `POST /holds`, `POST /holds/:holdId/capture` and `POST /holds/:holdId/release`. Off by
   * default: meter from your server. `GET /holds` is always served.
   */
  usageRoutes?: boolean;
  /** Largest accepted JSON body, as `express.json` takes it (`'100kb'` by default). */
  bodyLimit?: number | string;
  /**
   * Called with every unexpected error (answered 500) and every store failure (answered 503),
   * whose details never reach the client. Defaults to `console.error`.
   */
  onError?: (error: unknown, req: Request) => void;
}

/** The options with their defaults filled in (internal). */
export interface ResolvedOptions {
  allot: Allot;
  getActor: GetActor;
  usageRoutes: boolean;
  bodyLimit: number | string;
  onError: (error: unknown, req: Request) => void;
}

export function resolveOptions(options: AllotRouterOptions): ResolvedOptions {
  return {
    allot: options.allot,
    getActor: options.getActor,
    usageRoutes: options.usageRoutes ?? false,
    bodyLimit: options.bodyLimit ?? '100kb',
    onError: options.onError ?? ((error) => console.error('[@allot/express]', error)),
  };
}
