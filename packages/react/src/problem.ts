import type { AllotErrorCode, FieldIssue } from '@allot/core';

/**
 * An error response from the Allot router: RFC 9457 problem details with Allot's error `code`.
 * Extra members the server adds (for example `requested` and `available` on `insufficient_pool`)
 * are kept as they arrived.
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
export interface AllotProblem {
  /** A URI naming the kind of problem. */
  type: string;
  /** A short summary of the kind of problem. */
  title: string;
  /** The HTTP status code. */
  status: number;
  /** What went wrong this time, in a sentence a person can act on. */
  detail: string;
  /**
   * The Allot error code (`insufficient_pool`, `validation`, …); the router's own codes for
   * problems around the call (`unauthorized`, `malformed_json`, `route_not_found`, …);
   * `http_error` when the response was not a problem at all (a proxy's 502) and
   * `network_error` when no response arrived.
   */
  code: AllotErrorCode | 'http_error' | 'network_error' | (string & {});
  /** The invalid fields of a `validation` problem. */
  issues?: FieldIssue[];
  /** Any other member the server sent. */
  [extension: string]: unknown;
}

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
