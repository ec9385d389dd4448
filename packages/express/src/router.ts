import type { Request, RequestHandler, Router } from 'express';
import express from 'express';
import { problemErrorHandler } from './error-handler';
import { handleRoute } from './handle-route';
import { documentFor, type OpenApiDocument } from './openapi';
import { type AllotRouterOptions, resolveOptions } from './options';
import { httpProblem } from './problem';
import type { HttpMethod, Route } from './route';
import { allotRoutes } from './routes';
import { sendProblem } from './send';

function methodNotAllowed(methods: readonly HttpMethod[]): RequestHandler {
  const allowed = methods.map((m) => m.toUpperCase());
  if (allowed.includes('GET')) allowed.push('HEAD');
  const allow = allowed.join(', ');
  return (req, res) => {
    res.set('Allow', allow);
    sendProblem(res, httpProblem('method_not_allowed', `${req.method} is not allowed here; use ${allow}.`));
  };
}

const routeNotFound: RequestHandler = (req, res) => {
  sendProblem(res, httpProblem('route_not_found', `No Allot route matches ${req.method} ${req.path}.`));
};

function openApiHandler(routes: readonly Route[]): RequestHandler {
  let cached: OpenApiDocument | undefined;
  return (req: Request, res) => {
    cached ??= documentFor(routes, '/');
    res.json({ ...cached, servers: [{ url: req.baseUrl || '/' }] });
  };
}

/**
 * Creates an Express 5 router serving Allot's REST API: the dashboard's overview, members,
 * settings, pool top-ups, credit requests, holds, ledger (with CSV export) and each member's own
 * balance. Mount it under a prefix of its own: it answers every path below it, unknown ones with
 * a 404 problem.
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
  const resolved = resolveOptions(options);
  const routes = allotRoutes({ usageRoutes: resolved.usageRoutes });
  const router = express.Router();
  router.use(express.json({ limit: resolved.bodyLimit, type: ['application/json', 'application/*+json'] }));

  const byPath = new Map<string, Route[]>();
  for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  for (const [path, group] of byPath) {
    const chain = router.route(path);
    for (const route of group) chain[route.method](handleRoute(route, resolved));
    chain.all(methodNotAllowed(group.map((r) => r.method)));
  }
  router
    .route('/openapi.json')
    .get(openApiHandler(routes))
    .all(methodNotAllowed(['get']));

  router.use(routeNotFound);
  router.use(problemErrorHandler(resolved));
  return router;
}
