import {
  errors,
  idempotencyKey as idempotencyKeySchema,
  parseInput,
  type ValidationError,
} from '@allot/core';
import { err, ok, type Result } from 'neverthrow';
import type { z } from 'zod';
import type { IssueLocation, ProblemIssue } from './problem';
import type { Route } from './route';

/** The parts of a request a route's `run` receives, each parsed with the route's schema. */
export interface ParsedRequest {
  params: unknown;
  query: unknown;
  body: unknown;
  idempotencyKey: string | undefined;
}

const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Parses one part of a request as the core parses a call: strictly, refusing `__proto__`, `constructor` and `prototype` keys anywhere. */
function issuesOf(schema: z.ZodType, value: unknown, location: IssueLocation): [unknown, ProblemIssue[]] {
  const parsed = parseInput(schema, value);
  if (parsed.success) return [parsed.data, []];
  return [undefined, parsed.issues.map((issue) => ({ ...issue, in: location }))];
}

/** Query values as strings; a repeatable key's values (`?type=a&type=b`) joined with commas. */
function normaliseQuery(
  query: Record<string, unknown>,
  repeatable: readonly string[],
): Record<string, unknown> {
  // No prototype: a `__proto__` key stays an own key, which the strict schema then refuses.
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(query)) {
    const joinable =
      repeatable.includes(key) && Array.isArray(value) && value.every((v) => typeof v === 'string');
    out[key] = joinable ? value.join(',') : value;
  }
  return out;
}

function idempotencyKeyOf(route: Route, headers: Headers): [string | undefined, ProblemIssue[]] {
  if (route.idempotencyKey === 'none') return [undefined, []];
  const header = headers.get(IDEMPOTENCY_HEADER) ?? undefined;
  if (header === undefined) {
    if (route.idempotencyKey === 'optional') return [undefined, []];
    const message =
      'is required on this route: send a unique key per operation so a retry cannot count twice';
    return [undefined, [{ path: IDEMPOTENCY_HEADER, message, code: 'invalid_type', in: 'header' }]];
  }
  const [key, issues] = issuesOf(idempotencyKeySchema, header, 'header');
  return [key as string | undefined, issues.map((issue) => ({ ...issue, path: IDEMPOTENCY_HEADER }))];
}

/** A request's parts as read off the wire: decoded path parameters, the query string, the JSON body, the headers. */
export interface RawRequest {
  params: Record<string, string>;
  searchParams: URLSearchParams;
  body: unknown;
  headers: Headers;
}

/** Query values by key: one string, or an array of strings when the key repeats (as Express's simple parser gives them). */
function queryObject(searchParams: URLSearchParams): Record<string, unknown> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}

/**
 * Validates a request's path parameters, query string, JSON body and `Idempotency-Key` header
 * with the route's schemas (built from the core's), reporting every invalid field at once.
 */
export function parseRequest(route: Route, raw: RawRequest): Result<ParsedRequest, ValidationError> {
  const [params, paramIssues] = issuesOf(route.params, raw.params, 'path');
  const [query, queryIssues] = issuesOf(
    route.query,
    normaliseQuery(queryObject(raw.searchParams), route.repeatableQuery ?? []),
    'query',
  );
  const [body, bodyIssues] = issuesOf(route.body, raw.body ?? {}, 'body');
  const [idempotencyKey, headerIssues] = idempotencyKeyOf(route, raw.headers);
  const issues = [...paramIssues, ...queryIssues, ...bodyIssues, ...headerIssues];
  if (issues.length > 0) {
    const summary = issues.map((i) => `${i.in} ${i.path}: ${i.message}`).join('; ');
    return err(errors.validation(`Invalid request — ${summary}`, issues));
  }
  return ok({ params, query, body, idempotencyKey });
}
