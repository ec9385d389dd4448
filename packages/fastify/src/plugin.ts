import type { Allot } from '@allot/core';
import {
  type AllotCaller,
  type AllotHandler,
  createAllotHandler,
  httpProblem,
  PROBLEM_CONTENT_TYPE,
} from '@allot/http';
import { serveNode } from '@allot/http/node';
import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
} from 'fastify';

/**
 * Options of {@link allotPlugin} (Fastify's own `prefix` sets where the API is served).
 *
 * @example
 * ```ts
 * await app.register(allotPlugin, { prefix: '/api/credits', allot, getActor });
 * ```
 */
export interface AllotPluginOptions {
  /** The Allot instance (`createAllot({ store })`). */
  allot: Allot;
  /** Who is calling, from the Fastify request; `null` → 401. Sync or async; a throw → 500. */
  getActor: (
    request: FastifyRequest,
  ) => AllotCaller | null | undefined | Promise<AllotCaller | null | undefined>;
  /** Serve the metering routes (`POST /usage`, `/refunds`, the hold commands), admins only. Default off. */
  usageRoutes?: boolean;
  /** Largest accepted JSON body, in bytes or as `'100kb'`. Default `'100kb'`. */
  bodyLimit?: number | string;
  /** Hears every unexpected error (500), store failure (503) and failed CSV stream. Default `console.error`. */
  onError?: (error: unknown, request: FastifyRequest) => void;
}

/**
 * A Fastify plugin serving Allot's REST API under its `prefix`: every path below it goes to
 * `@allot/http`'s handler, which routes, parses and answers (bodies are read by the handler, not
 * by Fastify's parsers, so limits and errors are the same as on every other adapter).
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { allotPlugin } from '@allot/fastify';
 *
 * const app = Fastify();
 * await app.register(allotPlugin, {
 *   prefix: '/api/credits',
 *   allot,
 *   getActor: (request) => (request.headers['x-user-id'] ? { orgId: 'acme', userId: String(request.headers['x-user-id']) } : null),
 * });
 * await app.listen({ port: 3000 });
 * ```
 */
export const allotPlugin: FastifyPluginAsync<AllotPluginOptions> = async (app: FastifyInstance, options) => {
  const onError = options.onError ?? ((error: unknown) => console.error('[@allot/fastify]', error));
  const requests = new WeakMap<Request, FastifyRequest>();
  const fastifyRequest = (request: Request) => requests.get(request) as FastifyRequest;
  const handler: AllotHandler = createAllotHandler({
    allot: options.allot,
    basePath: app.prefix,
    usageRoutes: options.usageRoutes,
    bodyLimit: options.bodyLimit,
    getActor: (request) => options.getActor(fastifyRequest(request)),
    onError: (error, request) => onError(error, fastifyRequest(request)),
  });
  // Leave every body unread: the handler reads (and limits) it itself.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  const serve = async (
    request: FastifyRequest,
    reply: { hijack(): void; raw: Parameters<typeof serveNode>[2] },
  ) => {
    reply.hijack();
    const onRequest = (web: Request) => requests.set(web, request);
    await serveNode(handler, request.raw, reply.raw, { onRequest });
  };
  app.all('/', serve);
  app.all('/*', serve);
};

/**
 * Fastify's `frameworkErrors` option answering as Allot does: Fastify refuses a URL with a bad
 * percent-escape before any plugin sees it, so pass this to `Fastify({ frameworkErrors })` for a
 * 400 problem body (the same one every other adapter sends) instead of Fastify's own JSON.
 *
 * @example
 * ```ts
 * const app = Fastify({ frameworkErrors: allotFrameworkErrors });
 * ```
 */
export function allotFrameworkErrors(
  _error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const problem = httpProblem('bad_request', 'The request could not be read (its URL or body is malformed).');
  reply
    .code(problem.status)
    .header('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
    .send(JSON.stringify(problem));
}
