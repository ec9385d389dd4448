import type { Allot } from '@allot/core';
import type { AllotCaller } from '@allot/http';
import type { Request } from 'express';

export type { AllotCaller } from '@allot/http';

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
