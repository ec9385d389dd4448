import type { Actor, Allot, AllotError } from '@allot/core';
import type { ResultAsync } from 'neverthrow';
import { z } from 'zod';
import type { ResponseName } from './components';

/**
 * A zod object schema for one part of a request (path, query or body).
 *
 * @example
 * ```ts
 * const body: PartSchema = assignInput.pick({ total: true });
 * ```
 */
export type PartSchema = z.ZodObject;

/**
 * What a route answers on success: a JSON body, or CSV chunks streamed as a download.
 *
 * @example
 * ```ts
 * const reply: Reply = { kind: 'json', status: 200, body: overview };
 * ```
 */
export type Reply =
  | { kind: 'json'; status: 200 | 201; body: unknown }
  | { kind: 'csv'; filename: string; chunks: AsyncIterable<string> };

/**
 * Everything a route's `run` gets: the caller, and each request part already validated.
 *
 * @example
 * ```ts
 * const run = ({ allot, actor, orgId }: RouteCall<unknown, unknown, unknown>) => allot.overview({ actor, orgId });
 * ```
 */
export interface RouteCall<P, Q, B> {
  allot: Allot;
  /** The core actor built from `getActor(request)`. */
  actor: Actor;
  /** The caller's organization: every call is scoped to it. */
  orgId: string;
  /** The caller's user id. */
  userId: string;
  /** The `Idempotency-Key` header, if sent. */
  idempotencyKey: string | undefined;
  params: P;
  query: Q;
  body: B;
}

/**
 * Who a route is for (documentation only: the core authorizes every call).
 *
 * @example
 * ```ts
 * const adminsOnly = allotRoutes({ usageRoutes: false }).filter((r) => r.access === 'admin');
 * ```
 */
export type Access = 'admin' | 'member';

/**
 * A route's HTTP method (HEAD is served by the GET route).
 *
 * @example
 * ```ts
 * const method: HttpMethod = 'put';
 * ```
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface RouteBase {
  method: HttpMethod;
  /** Path below the base path, `:name` for a parameter segment (`/members/:userId`). */
  path: string;
  operationId: string;
  summary: string;
  /** More for the OpenAPI document than the summary says (after who may call it). */
  description?: string;
  tag: string;
  access: Access;
  /** Whether `Idempotency-Key` is read (every mutating route), and whether it is required. */
  idempotencyKey: 'none' | 'optional' | 'required';
  /** Query keys that may repeat (`?type=a&type=b`); their values are joined with commas. */
  repeatableQuery?: readonly string[];
  /** The success response, for the OpenAPI document. */
  success: {
    status: 200 | 201;
    description: string;
    schema: ResponseName;
    mediaType?: 'application/json' | 'text/csv';
  };
}

/**
 * One route, as the handler and the OpenAPI generator see it.
 *
 * @example
 * ```ts
 * const route: Route | undefined = allotRoutes({ usageRoutes: false }).find((r) => r.operationId === 'getOverview');
 * route?.path; // '/overview'
 * ```
 */
export interface Route extends RouteBase {
  params: PartSchema;
  query: PartSchema;
  body: PartSchema;
  run(call: RouteCall<unknown, unknown, unknown>): ResultAsync<Reply, AllotError>;
}

interface RouteSpec<P extends PartSchema, Q extends PartSchema, B extends PartSchema> extends RouteBase {
  params?: P;
  query?: Q;
  body?: B;
  run(call: RouteCall<z.output<P>, z.output<Q>, z.output<B>>): ResultAsync<Reply, AllotError>;
}

/** A part that takes nothing: only `{}` (or no body at all) passes. */
const nothing = z.strictObject({});

/**
 * Declares a route. Path, query and body schemas are built from the core's zod schemas (with
 * `pick`/`omit`), so every rule lives in the core once; unknown keys are refused.
 */
export function defineRoute<
  P extends PartSchema = typeof nothing,
  Q extends PartSchema = typeof nothing,
  B extends PartSchema = typeof nothing,
>(spec: RouteSpec<P, Q, B>): Route {
  return {
    ...spec,
    params: spec.params ?? nothing,
    query: spec.query?.strict() ?? nothing,
    body: spec.body?.strict() ?? nothing,
    // The parts reaching `run` were parsed with exactly these schemas (see parse-request.ts).
    run: spec.run as Route['run'],
  };
}

/** A JSON reply. */
export function json(status: 200 | 201) {
  return (body: unknown): Reply => ({ kind: 'json', status, body });
}
