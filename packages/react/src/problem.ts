import type { Problem, ProblemCode } from '@allot/http';

/**
 * An error response from the Allot API: `@allot/http`'s RFC 9457 {@link Problem}, whose `code`
 * may also be one the client sets itself: `http_error` when the response was not a problem at all
 * (a proxy's 502) and `network_error` when no response arrived. Extra members the server adds
 * (for example `requested` and `available` on `insufficient_pool`) are kept as they arrived.
 *
 * @example
 * ```ts
 * const problem: AllotProblem = {
 *   type: 'https://allot.dev/problems/insufficient_pool',
 *   title: 'Not enough credits in the pool',
 *   status: 409,
 *   detail: 'The pool has 200 unallocated credits; 500 are needed. …',
 *   code: 'insufficient_pool',
 *   available: 200,
 * };
 * ```
 */
export type AllotProblem = Problem<ProblemCode | 'http_error' | 'network_error' | (string & {})>;

/**
 * Reads a problem from a response body, or describes a response that did not carry one.
 *
 * @example
 * ```ts
 * const problem = toProblem(503, 'Service Unavailable', await response.text());
 * ```
 */
export function toProblem(status: number, statusText: string, body: string): AllotProblem {
  const parsed = parseJson(body);
  if (isProblemLike(parsed)) {
    return { ...parsed, status: typeof parsed.status === 'number' ? parsed.status : status };
  }
  return {
    type: 'about:blank',
    title: statusText || `HTTP ${status}`,
    status,
    detail: body.trim().slice(0, 500) || `The server answered ${status} ${statusText}.`.trim(),
    code: 'http_error',
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function isProblemLike(value: unknown): value is AllotProblem {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.code === 'string' && typeof record.title === 'string' && typeof record.detail === 'string'
  );
}
