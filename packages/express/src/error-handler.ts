import { isAllotError } from '@allot/core';
import type { ErrorRequestHandler } from 'express';
import type { ResolvedOptions } from './options';
import { httpProblem, type Problem, problemFromAllotError } from './problem';
import { sendProblem } from './send';

/** The parts of an `http-errors` error (as body-parser and the router raise them) we read. */
interface HttpError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
}

function statusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, statusCode } = error as HttpError;
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' && value >= 400 && value < 500 ? value : null;
}

/** A problem for anything thrown or passed to `next(err)`; details of unexpected errors stay here. */
export function problemFromThrown(error: unknown, bodyLimit: number | string): Problem {
  if (isAllotError(error)) return problemFromAllotError(error);
  const status = statusOf(error);
  const type = (error as HttpError | null)?.type;
  if (type === 'entity.parse.failed')
    return httpProblem('malformed_json', 'The request body is not valid JSON.');
  if (status === 413) {
    return httpProblem('payload_too_large', `The request body is larger than the limit of ${bodyLimit}.`);
  }
  if (status === 415) {
    return httpProblem('unsupported_media_type', 'Send JSON bodies as application/json in UTF-8.');
  }
  if (status !== null)
    return httpProblem('bad_request', 'The request could not be read (its URL or body is malformed).');
  return httpProblem('internal', 'Something went wrong on the server; it has been reported. Retry later.');
}

/**
 * The router's last middleware: turns every error (malformed JSON, oversized bodies, a
 * throwing `getActor`, anything unexpected) into a problem response, never an HTML page, and
 * never lets it reach the host app's own error handler.
 */
export function problemErrorHandler(options: ResolvedOptions): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const problem = problemFromThrown(error, options.bodyLimit);
    if (problem.status >= 500) options.onError(error, req);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendProblem(res, problem);
  };
}
