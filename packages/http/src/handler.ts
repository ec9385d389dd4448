import { actors, isAllotError } from '@allot/core';
import { allowOf, type PathEntry, pathTable } from './match';
import { documentFor, type OpenApiDocument } from './openapi';
import { type AllotHandlerOptions, type ResolvedOptions, resolveOptions } from './options';
import { parseRequest } from './parse-request';
import { httpProblem, problemFromAllotError } from './problem';
import { readJsonBody } from './read-body';
import { jsonResponse, problemResponse, replyResponse } from './respond';
import type { HttpMethod } from './route';
import { allotRoutes } from './routes';

/**
 * A Web-standard request handler: takes a `Request`, answers a `Response`.
 *
 * @example
 * ```ts
 * const handler: AllotHandler = createAllotHandler({ allot, getActor });
 * const response = await handler(new Request('http://localhost/overview'));
 * ```
 */
export type AllotHandler = (request: Request) => Promise<Response>;

/**
 * Creates Allot's REST API as one Web-standard handler, `(request: Request) => Promise<Response>`:
 * the dashboard's overview, members, settings, pool top-ups, credit requests, holds, ledger (with
 * a streamed CSV export) and each member's own balance, and the OpenAPI 3.1 document at
 * `GET {basePath}/openapi.json`. It mounts as it is in Next.js route handlers, Hono, Bun and
 * Deno; `@allot/http/node` serves it on Node's `http`, and `@allot/express` in an Express app.
 * Every error is an RFC 9457 problem; no path below `basePath` is left unanswered.
 *
 * @example
 * ```ts
 * import { createAllot } from '@allot/core';
 * import { createMemoryStore } from '@allot/memory';
 * import { createAllotHandler } from '@allot/http';
 *
 * const allot = createAllot({ store: createMemoryStore() });
 * export const handler = createAllotHandler({
 *   allot,
 *   basePath: '/api/credits',
 *   // Your own authentication: null when nobody is signed in (401).
 *   getActor: async (request) => {
 *     const user = await sessionUser(request.headers.get('cookie'));
 *     return user ? { orgId: user.orgId, userId: user.id } : null;
 *   },
 * });
 * ```
 */
export function createAllotHandler(options: AllotHandlerOptions): AllotHandler {
  const resolved = resolveOptions(options);
  const routes = allotRoutes({ usageRoutes: resolved.usageRoutes });
  const paths = pathTable(routes);
  let openApi: OpenApiDocument | undefined;

  return async (request) => {
    try {
      return await handle(request);
    } catch (error) {
      const problem = isAllotError(error)
        ? problemFromAllotError(error)
        : httpProblem('internal', 'Something went wrong on the server; it has been reported. Retry later.');
      if (problem.status >= 500) resolved.onError(error, request);
      return problemResponse(problem);
    }
  };

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = pathBelow(url.pathname, resolved);
    const body = await readJsonBody(request, resolved.maxBodyBytes, resolved.bodyLimit);
    if (body.kind === 'problem') return problemResponse(body.problem);
    const method = (request.method === 'HEAD' ? 'get' : request.method.toLowerCase()) as HttpMethod;

    if (path !== null && /^\/openapi\.json\/?$/i.test(path)) {
      if (method !== 'get') return methodNotAllowed(request, ['get']);
      openApi ??= documentFor(routes, '/');
      return jsonResponse(200, { ...openApi, servers: [{ url: resolved.basePath || '/' }] });
    }
    const found = path === null ? null : findPath(paths, path);
    if (found === 'malformed') {
      return problemResponse(
        httpProblem('bad_request', 'The request could not be read (its URL or body is malformed).'),
      );
    }
    if (!found) {
      return problemResponse(
        httpProblem('route_not_found', `No Allot route matches ${request.method} ${path ?? url.pathname}.`),
      );
    }
    const { entry, params } = found;
    const route = entry.routes.find((r) => r.method === method);
    if (!route)
      return methodNotAllowed(
        request,
        entry.routes.map((r) => r.method),
      );

    const caller = await resolved.getActor(request);
    if (!caller) return problemResponse(httpProblem('unauthorized', 'Sign in to use this API.'));
    if (body.kind === 'none' && body.present) {
      return problemResponse(httpProblem('unsupported_media_type', 'Send JSON bodies as application/json.'));
    }
    const parsed = parseRequest(route, {
      params,
      searchParams: url.searchParams,
      body: body.kind === 'json' ? body.value : undefined,
      headers: request.headers,
    });
    if (parsed.isErr()) return problemResponse(problemFromAllotError(parsed.error));
    const { orgId, userId } = caller;
    const actor = actors.user(orgId, userId);
    const result = await route.run({ ...parsed.value, allot: resolved.allot, actor, orgId, userId });
    if (result.isErr()) {
      const code = result.error.code;
      if (code === 'store_unavailable' || code === 'outcome_unknown') resolved.onError(result.error, request);
      return problemResponse(problemFromAllotError(result.error));
    }
    return replyResponse(result.value, (error) => resolved.onError(error, request));
  }
}

/** The first path pattern that matches, with its parameters; `malformed` for a bad escape in the path. */
function findPath(
  paths: readonly PathEntry[],
  path: string,
): { entry: PathEntry; params: Record<string, string> } | null | 'malformed' {
  try {
    for (const entry of paths) {
      const params = entry.match(path);
      if (params) return { entry, params };
    }
    return null;
  } catch {
    return 'malformed';
  }
}

/** The path below the base path (`/members/bob`), or null when the request is outside it. */
function pathBelow(pathname: string, options: ResolvedOptions): string | null {
  if (!options.basePath) return pathname;
  if (pathname === options.basePath) return '/';
  return pathname.startsWith(`${options.basePath}/`) ? pathname.slice(options.basePath.length) : null;
}

function methodNotAllowed(request: Request, methods: readonly HttpMethod[]): Response {
  const allow = allowOf(methods);
  return problemResponse(
    httpProblem('method_not_allowed', `${request.method} is not allowed here; use ${allow}.`),
    {
      Allow: allow,
    },
  );
}
