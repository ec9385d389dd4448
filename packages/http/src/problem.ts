import type { AllotError, AllotErrorCode, FieldIssue } from '@allot/core';
import { match } from 'ts-pattern';
import { z } from 'zod';

/**
 * Problems the handler raises itself, before or around a core call.
 *
 * @example
 * ```ts
 * const code: HttpProblemCode = 'payload_too_large'; // 413
 * ```
 */
export type HttpProblemCode =
  | 'unauthorized'
  | 'malformed_json'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'bad_request'
  | 'route_not_found'
  | 'method_not_allowed'
  | 'internal';

/**
 * Every `code` an Allot problem response can carry: an `AllotErrorCode` or an {@link HttpProblemCode}.
 *
 * @example
 * ```ts
 * if (problem.code === 'insufficient_pool') showRaisePoolHint();
 * ```
 */
export type ProblemCode = AllotErrorCode | HttpProblemCode;

/**
 * Where a rejected value came from.
 *
 * @example
 * ```ts
 * const where: IssueLocation = 'query'; // e.g. `?limit=abc`
 * ```
 */
export type IssueLocation = 'path' | 'query' | 'body' | 'header';

/**
 * One invalid field of a request: the core's {@link FieldIssue}, plus where the handler found it.
 *
 * @example
 * ```ts
 * const issue: ProblemIssue = { path: 'total', message: 'Too small: expected number to be >=0', code: 'too_small', in: 'body' };
 * ```
 */
export interface ProblemIssue extends FieldIssue {
  in?: IssueLocation;
}

/**
 * An RFC 9457 problem details body, as every error response of the handler carries it with
 * `Content-Type: application/problem+json`.
 *
 * @example
 * ```ts
 * const problem: Problem = {
 *   type: 'https://allot.dev/problems/insufficient_pool',
 *   title: 'Not enough credits in the pool',
 *   status: 409,
 *   detail: 'The pool has 200 unallocated credits; 500 are needed. …',
 *   code: 'insufficient_pool',
 *   requested: 500,
 *   available: 200,
 * };
 * ```
 */
export interface Problem<Code extends string = ProblemCode> {
  /** `https://allot.dev/problems/<code>` */
  type: string;
  title: string;
  status: number;
  /** What went wrong, in a sentence a person can act on. */
  detail: string;
  code: Code;
  /** For `validation`: each invalid field. */
  issues?: ProblemIssue[];
  /** Extension members, e.g. `requested` and `available` for `insufficient_pool`. */
  [extension: string]: unknown;
}

/**
 * The base URI of every problem `type`.
 *
 * @example
 * ```ts
 * problem.type === `${PROBLEM_TYPE_BASE}not_found`;
 * ```
 */
export const PROBLEM_TYPE_BASE = 'https://allot.dev/problems/';

/**
 * The media type of problem responses (RFC 9457).
 *
 * @example
 * ```ts
 * const isProblem = response.headers.get('content-type')?.startsWith(PROBLEM_CONTENT_TYPE);
 * ```
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Detail of a `store_unavailable` problem: the store's own message is reported to `onError`, never sent. */
const STORE_UNAVAILABLE_DETAIL = 'The store is unavailable; nothing was written. Retry the request.';

/** Detail of an `outcome_unknown` problem; like `store_unavailable`, the store's message goes only to `onError`. */
const OUTCOME_UNKNOWN_DETAIL =
  'The store failed while the request was committing, and whether it took effect is unknown. ' +
  'Retry with the same Idempotency-Key: it replays the first result if it took effect and runs once if not.';

interface Mapped {
  status: number;
  title: string;
  detail?: string;
  extensions?: Record<string, unknown>;
}

/**
 * The one place AllotError codes become HTTP statuses. Validation is **400** (malformed JSON is
 * 400 too, so a client handles every bad input the same way); every broken business rule is 409.
 */
function mapAllotError(error: AllotError): Mapped {
  return match(error)
    .with({ code: 'validation' }, (e) => ({
      status: 400,
      title: 'Invalid input',
      extensions: { issues: e.issues },
    }))
    .with({ code: 'not_found' }, (e) => ({
      status: 404,
      title: 'Not found',
      extensions: { resource: e.resource },
    }))
    .with({ code: 'forbidden' }, () => ({ status: 403, title: 'Forbidden' }))
    .with({ code: 'insufficient_pool' }, (e) => ({
      status: 409,
      title: 'Not enough credits in the pool',
      extensions: { requested: e.requested, available: e.available },
    }))
    .with({ code: 'insufficient_credits' }, (e) => ({
      status: 409,
      title: 'Not enough credits',
      extensions: { requested: e.requested, available: e.available },
    }))
    .with({ code: 'allocation_below_usage' }, (e) => ({
      status: 409,
      title: 'Allocation below usage',
      extensions: { total: e.total, used: e.used },
    }))
    .with({ code: 'request_not_pending' }, (e) => ({
      status: 409,
      title: 'Request is not pending',
      extensions: { requestStatus: e.status },
    }))
    .with({ code: 'hold_not_active' }, (e) => ({
      status: 409,
      title: 'Hold is not active',
      extensions: { holdStatus: e.status },
    }))
    .with({ code: 'period_closed' }, () => ({ status: 409, title: 'Billing period closed' }))
    .with({ code: 'idempotency_conflict' }, () => ({ status: 409, title: 'Idempotency key reused' }))
    .with({ code: 'conflict' }, () => ({ status: 409, title: 'Conflict' }))
    .with({ code: 'store_unavailable' }, () => ({
      status: 503,
      title: 'Store unavailable',
      detail: STORE_UNAVAILABLE_DETAIL,
    }))
    .with({ code: 'outcome_unknown' }, () => ({
      status: 503,
      title: 'Outcome unknown',
      detail: OUTCOME_UNKNOWN_DETAIL,
    }))
    .exhaustive();
}

/**
 * The problem response for an {@link AllotError}.
 *
 * @example
 * ```ts
 * import { errors } from '@allot/core';
 *
 * problemFromAllotError(errors.notFound('member', 'bob')).status; // 404
 * ```
 */
export function problemFromAllotError(error: AllotError): Problem {
  const mapped = mapAllotError(error);
  return {
    type: `${PROBLEM_TYPE_BASE}${error.code}`,
    title: mapped.title,
    status: mapped.status,
    detail: mapped.detail ?? error.message,
    code: error.code,
    ...mapped.extensions,
  };
}

function mapHttpProblem(code: HttpProblemCode): { status: number; title: string } {
  return match(code)
    .with('unauthorized', () => ({ status: 401, title: 'Not signed in' }))
    .with('malformed_json', () => ({ status: 400, title: 'Malformed JSON' }))
    .with('bad_request', () => ({ status: 400, title: 'Bad request' }))
    .with('payload_too_large', () => ({ status: 413, title: 'Request body too large' }))
    .with('unsupported_media_type', () => ({ status: 415, title: 'Unsupported media type' }))
    .with('route_not_found', () => ({ status: 404, title: 'No such route' }))
    .with('method_not_allowed', () => ({ status: 405, title: 'Method not allowed' }))
    .with('internal', () => ({ status: 500, title: 'Internal error' }))
    .exhaustive();
}

/**
 * A problem the handler raises itself (authentication, body parsing, routing, unexpected errors).
 *
 * @example
 * ```ts
 * httpProblem('unauthorized', 'Sign in first.').status; // 401
 * ```
 */
export function httpProblem(code: HttpProblemCode, detail: string): Problem {
  const { status, title } = mapHttpProblem(code);
  return { type: `${PROBLEM_TYPE_BASE}${code}`, title, status, detail, code };
}

const problemCodes = [
  'validation',
  'not_found',
  'forbidden',
  'insufficient_pool',
  'insufficient_credits',
  'allocation_below_usage',
  'request_not_pending',
  'hold_not_active',
  'period_closed',
  'idempotency_conflict',
  'conflict',
  'store_unavailable',
  'outcome_unknown',
  'unauthorized',
  'malformed_json',
  'bad_request',
  'payload_too_large',
  'unsupported_media_type',
  'route_not_found',
  'method_not_allowed',
  'internal',
] as const satisfies readonly ProblemCode[];

// Compile-time check that the list above names every code (and the exhaustive matches above).
type MissingCodes = Exclude<ProblemCode, (typeof problemCodes)[number]>;
const everyCodeListed: MissingCodes extends never ? true : MissingCodes = true;
void everyCodeListed;

/**
 * The zod schema of a {@link Problem} body, for the OpenAPI document and for clients that
 * validate responses.
 *
 * @example
 * ```ts
 * const problem = problemSchema.parse(await response.json());
 * ```
 */
export const problemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.enum(problemCodes),
  issues: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        code: z.string(),
        in: z.enum(['path', 'query', 'body', 'header']).optional(),
      }),
    )
    .optional(),
});
