import type { Allot } from '@allot/core';
import bytes from 'bytes';

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
 * Tells the handler who is calling, from the request (a cookie, a bearer token). Return `null`
 * when nobody is signed in (the handler answers 401). Allot authorizes from its own member
 * records, so the role is never taken from here. It may be async, and may throw (the handler
 * answers 500 and reports the error to `onError`).
 *
 * @example
 * ```ts
 * const getActor: GetRequestActor = async (request) => {
 *   const session = await sessions.read(request.headers.get('authorization'));
 *   return session ? { orgId: session.orgId, userId: session.userId } : null;
 * };
 * ```
 */
export type GetRequestActor = (
  request: Request,
) => AllotCaller | null | undefined | Promise<AllotCaller | null | undefined>;

/**
 * Options of {@link createAllotHandler}.
 *
 * @example
 * ```ts
 * const options: AllotHandlerOptions = { allot, getActor, basePath: '/api/credits', usageRoutes: true };
 * ```
 */
export interface AllotHandlerOptions {
  /** The Allot instance (`createAllot({ store })`). */
  allot: Allot;
  /** Who is calling; see {@link GetRequestActor}. */
  getActor: GetRequestActor;
  /**
   * The path the API is served under (`/api/credits`): stripped from each request's path before
   * routing, and the server URL of the OpenAPI document. Default `''` (the root).
   */
  basePath?: string;
  /**
   * Serve the metering routes (admins only): `POST /usage`, `POST /usage/batch` (up to 1,000
   * events, each with its own `idempotencyKey` in the body), `POST /refunds`, and the holds
   * `POST /holds`, `POST /holds/:holdId/capture` and `POST /holds/:holdId/release`. Off by
   * default: meter from your server. `GET /holds` is always served.
   */
  usageRoutes?: boolean;
  /** Largest accepted JSON body in bytes, or as `'100kb'` / `'1mb'`. Default `'100kb'`. */
  bodyLimit?: number | string;
  /**
   * Called with every unexpected error (answered 500), every store failure (answered 503) and a
   * CSV export that fails mid-stream, whose details never reach the client. Defaults to
   * `console.error`.
   */
  onError?: (error: unknown, request: Request) => void;
}

/** The options with their defaults filled in (internal). */
export interface ResolvedOptions {
  allot: Allot;
  getActor: GetRequestActor;
  basePath: string;
  usageRoutes: boolean;
  bodyLimit: string;
  maxBodyBytes: number;
  onError: (error: unknown, request: Request) => void;
}

/** `'100kb'` → 102400 (as `express.json` reads it); a number is taken as bytes. Throws a `TypeError` for anything else. */
export function bytesOf(limit: number | string): number {
  const value = typeof limit === 'number' ? limit : bytes.parse(limit);
  if (value === null || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`bodyLimit must be a byte count or a size such as '100kb'; got ${String(limit)}.`);
  }
  return value;
}

export function resolveOptions(options: AllotHandlerOptions): ResolvedOptions {
  const limit = options.bodyLimit ?? '100kb';
  return {
    allot: options.allot,
    getActor: options.getActor,
    basePath: (options.basePath ?? '').replace(/\/+$/, ''),
    usageRoutes: options.usageRoutes ?? false,
    bodyLimit: String(limit),
    maxBodyBytes: bytesOf(limit),
    onError: options.onError ?? ((error) => console.error('[@allot/http]', error)),
  };
}
