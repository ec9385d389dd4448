import { type AllotHandler, createAllotHandler } from '@allot/http';
import { serveNode } from '@allot/http/node';
import type { Request as ExpressRequest, Router } from 'express';
import express from 'express';
import type { AllotRouterOptions } from './options';

/**
 * Creates an Express 5 router serving Allot's REST API: the dashboard's overview, members,
 * settings, pool top-ups, credit requests, holds, ledger (with CSV export) and each member's own
 * balance. Mount it under a prefix of its own: it answers every path below it, unknown ones with
 * a 404 problem. It only translates: `@allot/http`'s handler does the routing, parsing and
 * answering.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createAllot } from '@allot/core';
 * import { createMemoryStore } from '@allot/memory';
 * import { createAllotRouter } from '@allot/express';
 *
 * const allot = createAllot({ store: createMemoryStore() });
 * const app = express();
 * app.use(
 *   '/api/credits',
 *   createAllotRouter({
 *     allot,
 *     // Your own authentication: return null when nobody is signed in.
 *     getActor: (req) => (req.session?.user ? { orgId: req.session.user.orgId, userId: req.session.user.id } : null),
 *   }),
 * );
 * app.listen(3000);
 * ```
 */
export function createAllotRouter(options: AllotRouterOptions): Router {
  const onError = options.onError ?? ((error: unknown) => console.error('[@allot/express]', error));
  const requests = new WeakMap<Request, ExpressRequest>();
  const expressRequest = (request: Request) => requests.get(request) as ExpressRequest;
  const handlers = new Map<string, AllotHandler>();
  const handlerAt = (basePath: string) => {
    let handler = handlers.get(basePath);
    if (!handler) {
      handler = createAllotHandler({
        allot: options.allot,
        basePath,
        usageRoutes: options.usageRoutes,
        bodyLimit: options.bodyLimit,
        getActor: (request) => options.getActor(expressRequest(request)),
        onError: (error, request) => onError(error, expressRequest(request)),
      });
      handlers.set(basePath, handler);
    }
    return handler;
  };
  // Fail at creation, as before, on a bodyLimit that cannot be read.
  handlerAt('');

  const router = express.Router();
  router.use((req, res, next) => {
    // A body the host's own express.json() already read is handed on as JSON.
    const body = (req as { _body?: boolean })._body ? JSON.stringify(req.body) : undefined;
    const onRequest = (request: Request) => requests.set(request, req);
    serveNode(handlerAt(req.baseUrl), req, res, { url: req.originalUrl, body, onRequest }).catch(next);
  });
  return router;
}
