import { actors } from '@allot/core';
import type { Request, RequestHandler } from 'express';
import type { ResolvedOptions } from './options';
import { parseRequest } from './parse-request';
import { httpProblem, problemFromAllotError } from './problem';
import type { Route } from './route';
import { sendProblem, sendReply } from './send';

/** True when the request carries a body (a non-zero length, or chunked). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Serves one route: who is calling (401 if nobody), then the request's parts validated with the
 * route's schemas, then the core call; its result is the response body, its error a problem.
 */
export function handleRoute(route: Route, options: ResolvedOptions): RequestHandler {
  return async (req, res) => {
    const caller = await options.getActor(req);
    if (!caller) {
      sendProblem(res, httpProblem('unauthorized', 'Sign in to use this API.'));
      return;
    }
    if (req.body === undefined && hasBody(req)) {
      sendProblem(res, httpProblem('unsupported_media_type', 'Send JSON bodies as application/json.'));
      return;
    }
    const parsed = parseRequest(route, req);
    if (parsed.isErr()) {
      sendProblem(res, problemFromAllotError(parsed.error));
      return;
    }
    const { orgId, userId } = caller;
    const actor = actors.user(orgId, userId);
    const result = await route.run({ ...parsed.value, allot: options.allot, actor, orgId, userId });
    if (result.isErr()) {
      const code = result.error.code;
      if (code === 'store_unavailable' || code === 'outcome_unknown') options.onError(result.error, req);
      sendProblem(res, problemFromAllotError(result.error));
      return;
    }
    await sendReply(req, res, result.value, options.onError);
  };
}
