import { idempotencyKey } from '@allot/core';
import type { z } from 'zod';
import { type ResponseName, responseSchemas } from './components';
import { type JsonSchema, toJsonSchema, toJsonSchemaComponents } from './json-schema';
import { PROBLEM_CONTENT_TYPE } from './problem';
import type { PartSchema, Route } from './route';
import { allotRoutes } from './routes';

/**
 * An OpenAPI 3.1 document (the parts the handler writes).
 *
 * @example
 * ```ts
 * const doc: OpenApiDocument = createOpenApiDocument();
 * Object.keys(doc.paths); // ['/overview', '/members', …]
 * ```
 */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, JsonSchema> };
}

const ref = (name: ResponseName) => ({ $ref: `#/components/schemas/${name}` });

const DESCRIPTION = [
  'Credit governance for one organization: the pool, members, credit requests, holds and the ledger.',
  'The host app authenticates every request (401 when it does not); Allot authorizes: admins',
  'manage their own organization, members see and do only their own things (403 otherwise).',
  'Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`.',
  'Mutating routes honour an `Idempotency-Key` header: a retry with the same key and payload',
  'returns the first result and writes nothing.',
].join(' ');

function isOptional(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

function parameters(location: 'path' | 'query', part: PartSchema): JsonSchema[] {
  return Object.entries(part.shape).map(([name, schema]) => ({
    name,
    in: location,
    required: location === 'path' || !isOptional(schema),
    schema: toJsonSchema(schema, 'input'),
    ...(name === 'type' && location === 'query'
      ? { description: 'Event type(s): comma-separated, or the parameter repeated.', explode: true }
      : {}),
  }));
}

function operation(route: Route): JsonSchema {
  const headers =
    route.idempotencyKey === 'none'
      ? []
      : [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: route.idempotencyKey === 'required',
            description:
              'A unique key per operation: a retry with the same key and payload replays the first result.',
            schema: toJsonSchema(idempotencyKey, 'input'),
          },
        ];
  const hasBody = Object.keys(route.body.shape).length > 0;
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    description: [
      route.access === 'admin' ? 'Admins only.' : 'Any member of the organization.',
      ...(route.description ? [route.description] : []),
    ].join(' '),
    parameters: [...parameters('path', route.params), ...parameters('query', route.query), ...headers],
    ...(hasBody
      ? {
          requestBody: {
            required: !isOptional(route.body) && !route.body.safeParse({}).success,
            content: { 'application/json': { schema: toJsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [String(route.success.status)]: {
        description: route.success.description,
        content: { [route.success.mediaType ?? 'application/json']: { schema: ref(route.success.schema) } },
      },
      '4XX': { $ref: '#/components/responses/Problem' },
      '5XX': { $ref: '#/components/responses/Problem' },
    },
  };
}

/** `/members/:userId` → `/members/{userId}` */
function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * The OpenAPI 3.1 document of the API, generated from the same core zod schemas that
 * validate each request. The handler serves it at `GET /openapi.json`.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { createOpenApiDocument } from '@allot/http';
 *
 * writeFileSync('openapi.json', JSON.stringify(createOpenApiDocument({ serverUrl: '/api/credits' }), null, 2));
 * ```
 */
export function createOpenApiDocument(
  options: { usageRoutes?: boolean; serverUrl?: string } = {},
): OpenApiDocument {
  return documentFor(allotRoutes({ usageRoutes: options.usageRoutes ?? false }), options.serverUrl ?? '/');
}

/** The document for a route table. */
export function documentFor(routes: readonly Route[], serverUrl: string): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Allot API', version: '1.0.0', description: DESCRIPTION },
    servers: [{ url: serverUrl }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: toJsonSchemaComponents(responseSchemas),
      responses: {
        Problem: {
          description: 'An RFC 9457 problem: `code` says what went wrong, `detail` how to fix it.',
          content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem') } },
        },
      },
    },
  };
}
