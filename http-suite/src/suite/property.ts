import type { Route } from '@allot/http';
import { allotRoutes, PROBLEM_CONTENT_TYPE, problemSchema } from '@allot/http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_HEADER, createHarness, type Harness, people, type SuiteTarget } from './harness';
import {
  encodeSegment,
  headerText,
  junkBody,
  junkKey,
  junkQueryValue,
  junkSegment,
  notJson,
  queryString,
} from './junk';
import { type Sample, samples } from './samples';

const routeOf = (sample: Sample): Route => {
  const route = allotRoutes({ usageRoutes: true }).find(
    (r) => r.method === sample.method && r.path === sample.template,
  );
  if (!route) throw new Error(`no route ${sample.method} ${sample.template}`);
  return route;
};

const realCallers = Object.values(people).map((p) => `${p.orgId}:${p.userId}`);
const realIds = new Set<string>(Object.values(people).map((p) => p.userId));

/** An identity `getActor` refuses (401) or that is nobody's in that org (403). */
const badIdentity = fc
  .oneof(
    fc.constant(undefined),
    headerText,
    fc.tuple(fc.constantFrom('acme', 'globex', ''), headerText).map(([org, user]) => `${org}:${user}`),
  )
  .filter((value) => {
    if (value === undefined) return true;
    const sep = value.trim().indexOf(':');
    const pair = `${value.trim().slice(0, sep).trim()}:${value
      .trim()
      .slice(sep + 1)
      .trim()}`;
    return !realCallers.includes(pair);
  });

type Poison = 'body' | 'query' | 'path' | 'identity' | 'raw-body';

interface JunkRequest {
  sample: Sample;
  poison: Poison;
  nearValid: boolean;
  caller: string;
  identity: string | undefined;
  body: unknown;
  raw: string;
  query: [string, string | string[]][];
  segment: string;
  idempotencyKey: string | undefined;
  headers: [string, string][];
  contentType: string;
}

const junkRequest: fc.Arbitrary<JunkRequest> = fc.record({
  sample: fc.constantFrom(...samples),
  poison: fc.constantFrom<Poison>('body', 'query', 'path', 'identity', 'raw-body'),
  nearValid: fc.boolean(),
  caller: fc.constantFrom(...realCallers),
  identity: badIdentity,
  body: junkBody,
  raw: notJson,
  query: fc.array(fc.tuple(junkKey, junkQueryValue), { maxLength: 4 }),
  segment: junkSegment,
  idempotencyKey: fc.option(headerText, { nil: undefined }),
  headers: fc.array(
    fc.tuple(fc.constantFrom('x-forwarded-for', 'accept', 'x-junk', 'accept-language', 'origin'), headerText),
    {
      maxLength: 3,
    },
  ),
  contentType: fc.constantFrom(
    'application/json',
    'application/json',
    'application/json',
    'application/vnd.api+json',
    'text/plain',
  ),
});

/** Makes sure the chosen poison really is invalid for the route, whatever else was generated. */
function poisoned(
  j: JunkRequest,
  h: Harness,
): { path: string; body: string | undefined; identity: string | undefined } {
  const route = routeOf(j.sample);
  const base = j.sample.path(h);
  let path = base.split('?')[0] ?? '';
  let query: [string, string | string[]][] = [...new URLSearchParams(base.split('?')[1] ?? '').entries()];
  let body: string | undefined = j.sample.body ? JSON.stringify(j.sample.body(h)) : undefined;
  let identity: string | undefined = j.caller;
  switch (j.poison) {
    case 'body': {
      // Half the time the route's valid body with junk merged in: the near misses.
      const candidate =
        j.nearValid && typeof j.body === 'object' && j.body !== null && !Array.isArray(j.body)
          ? { ...j.sample.body?.(h), ...j.body }
          : j.body;
      const valid = route.body.safeParse(candidate).success;
      body = JSON.stringify(valid ? { ...(candidate as object), '\u0000unknown': 1 } : candidate);
      break;
    }
    case 'raw-body':
      body = j.raw;
      break;
    case 'query': {
      const known = Object.keys(route.query.shape);
      const unknown = j.query.find(([key]) => key !== '' && !known.includes(key));
      query = [...query, ...j.query, unknown ?? ['\u0000unknown', 'x']];
      break;
    }
    case 'path': {
      const params = Object.keys(route.params.shape);
      const segment =
        realIds.has(j.segment.trim()) || [h.requestId, h.holdId].includes(j.segment.trim())
          ? 'nobody'
          : j.segment;
      // A route without parameters gets an extra segment no route has.
      if (params.length === 0) path = `${path}/nobody-${encodeSegment(segment)}`;
      else path = path.replace(/^(\/[^/]+\/)[^/]+/, `$1${encodeSegment(segment)}`);
      break;
    }
    case 'identity':
      identity = j.identity;
      break;
  }
  return { path: `${path}${queryString(query)}`, body, identity };
}

/**
 * Junk at every route: bodies of wrong types, extreme numbers, unicode, long strings and
 * `__proto__` keys; junk path segments, query strings and headers. Each request carries at least
 * one thing that must be refused; the router must answer a 4xx problem and write nothing.
 */
export function propertyTests(target: SuiteTarget, numRuns: number): void {
  describe('property: junk never gets a 5xx, always a problem, and writes nothing', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(target);
    });
    afterAll(() => h.close());

    it('at every route', async () => {
      const before = await h.journalSize();
      await fc.assert(
        fc.asyncProperty(junkRequest, async (j) => {
          // A fetch-native framework never hands the handler a GET's body: nothing there to refuse.
          const bodyPoison = j.poison === 'body' || j.poison === 'raw-body';
          fc.pre(!(target.adapter.fetchNative && bodyPoison && j.sample.method === 'get'));
          // An empty path segment is answered by Next.js itself (a 308 to the collapsed path).
          fc.pre(
            !(
              target.adapter.redirectsRepeatedSlashes &&
              j.poison === 'path' &&
              encodeSegment(j.segment) === ''
            ),
          );
          const { path, body, identity } = poisoned(j, h);
          const test = h.as()[j.sample.method](path);
          if (identity !== undefined) test.set(AUTH_HEADER, identity);
          if (j.idempotencyKey !== undefined) test.set('Idempotency-Key', j.idempotencyKey);
          for (const [name, value] of j.headers) test.set(name, value);
          if (body !== undefined) test.set('content-type', j.contentType).send(body);
          const res = await test;
          expect(res.status, `${j.sample.method} ${path} → ${res.status} ${res.text}`).toBeGreaterThanOrEqual(
            400,
          );
          expect(res.status).toBeLessThan(500);
          expect(res.headers['content-type']).toBe(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
          expect(problemSchema.parse(res.body).status).toBe(res.status);
          expect(await h.journalSize()).toBe(before);
        }),
        { numRuns },
      );
      expect(h.errorsReported).toEqual([]);
    });

    it('at random paths and methods: never a 5xx, and every error is a problem that wrote nothing', async () => {
      const words = [
        'members',
        'requests',
        'ledger',
        'ledger.csv',
        'summary',
        'me',
        'settings',
        'overview',
        'allocation',
        'holds',
        'capture',
        'release',
        'top-ups',
      ];
      const segment = fc.oneof(fc.constantFrom(...words), junkSegment);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('get', 'post', 'put', 'patch', 'delete', 'options'),
          fc.array(segment, { minLength: 0, maxLength: 4 }),
          fc.option(junkBody, { nil: undefined }),
          fc.constantFrom(...realCallers, 'nobody'),
          async (method, segments, body, caller) => {
            // A fetch-native framework resolves `..` first: such a path may leave the mount (the host's 404).
            fc.pre(!(target.adapter.fetchNative && segments.some((s) => s === '.' || s === '..')));
            // Next.js answers `//` with its own 308 to the collapsed path before any app code runs.
            fc.pre(!(target.adapter.redirectsRepeatedSlashes && segments.slice(0, -1).includes('')));
            const before = await h.journalSize();
            const path = `/${segments.map(encodeSegment).join('/')}`;
            const test = h.as()[method](path).set(AUTH_HEADER, caller);
            if (body !== undefined) test.send(JSON.stringify(body)).set('content-type', 'application/json');
            const res = await test;
            expect(res.status, `${method} ${path} → ${res.status} ${res.text}`).toBeLessThan(500);
            if (res.status >= 400) {
              expect(res.headers['content-type']).toBe(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
              expect(problemSchema.parse(res.body).status).toBe(res.status);
              expect(await h.journalSize()).toBe(before);
            }
          },
        ),
        { numRuns },
      );
      expect(h.errorsReported).toEqual([]);
    });
  });
}
