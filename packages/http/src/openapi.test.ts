import { describe, expect, it } from 'vitest';
import { createOpenApiDocument } from './openapi';
import { allotRoutes } from './routes';

/** Every `$ref` in a JSON value. */
function refs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refs);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string' ? [inner] : refs(inner),
  );
}

describe('createOpenApiDocument', () => {
  const doc = createOpenApiDocument({ usageRoutes: true, serverUrl: '/api/credits' });

  it('is an OpenAPI 3.1 document with every route', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/api/credits' }]);
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(operations.sort()).toEqual(
      allotRoutes({ usageRoutes: true })
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
        .sort(),
    );
    expect(createOpenApiDocument().paths['/usage']).toBeUndefined();
  });

  it('resolves every $ref', () => {
    for (const ref of refs(doc)) {
      const [, section, name] = /^#\/components\/(schemas|responses)\/(.+)$/.exec(ref) ?? [];
      expect(
        section && name ? doc.components[section as 'schemas' | 'responses'][name] : undefined,
        ref,
      ).toBeDefined();
    }
  });

  it('describes parameters, bodies and responses from the core schemas', () => {
    const assign = doc.paths['/members/{userId}/allocation']?.put;
    expect(assign).toMatchObject({
      operationId: 'assignCredits',
      parameters: [
        {
          name: 'userId',
          in: 'path',
          required: true,
          schema: { type: 'string', minLength: 1, maxLength: 200 },
        },
        { name: 'Idempotency-Key', in: 'header', required: false },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: { total: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } },
              required: ['total'],
              additionalProperties: false,
            },
          },
        },
      },
      responses: {
        '200': {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/AllocationResult' } } },
        },
      },
    });
    const members = doc.paths['/members']?.get as { parameters: { name: string; required: boolean }[] };
    expect(members.parameters.map((p) => [p.name, p.required])).toEqual([
      ['search', false],
      ['limit', false],
      ['offset', false],
    ]);
    const usage = doc.paths['/usage']?.post as { parameters: { name: string; required: boolean }[] };
    expect(usage.parameters).toEqual([expect.objectContaining({ name: 'Idempotency-Key', required: true })]);
    expect(doc.paths['/requests']?.post).toMatchObject({ responses: { '201': expect.anything() } });
    expect(doc.paths['/ledger.csv']?.get).toMatchObject({
      responses: { '200': { content: { 'text/csv': expect.anything() } } },
    });
    const from = (
      doc.paths['/ledger']!.get as { parameters: { name: string; schema: { anyOf: unknown[] } }[] }
    ).parameters.find((p) => p.name === 'from');
    expect(from?.schema.anyOf).toHaveLength(2);
  });

  it('describes the hold and top-up routes', () => {
    const params = (op: unknown) =>
      (op as { parameters: { name: string; in: string; required: boolean }[] }).parameters.map((p) => [
        p.name,
        p.in,
        p.required,
      ]);
    const list = doc.paths['/holds']?.get;
    expect(list).toMatchObject({
      operationId: 'listHolds',
      tags: ['Holds'],
      responses: {
        '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/HoldsPage' } } } },
      },
    });
    expect(params(list)).toEqual([
      ['status', 'query', false],
      ['userId', 'query', false],
      ['cursor', 'query', false],
      ['limit', 'query', false],
    ]);
    const reserve = doc.paths['/holds']?.post;
    expect(reserve).toMatchObject({
      operationId: 'reserveCredits',
      description: 'Admins only.',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['userId', 'amount'],
              additionalProperties: false,
              properties: {
                ttlSeconds: { type: 'integer', minimum: 1, maximum: 30 * 24 * 60 * 60, default: 900 },
              },
            },
          },
        },
      },
      responses: {
        '201': { content: { 'application/json': { schema: { $ref: '#/components/schemas/HoldResult' } } } },
      },
    });
    expect(params(reserve)).toEqual([['Idempotency-Key', 'header', true]]);
    const capture = doc.paths['/holds/{holdId}/capture']?.post;
    expect(capture).toMatchObject({
      operationId: 'captureHold',
      requestBody: { required: false },
      responses: {
        '200': {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/CaptureResult' } } },
        },
      },
    });
    expect(params(capture)).toEqual([
      ['holdId', 'path', true],
      ['Idempotency-Key', 'header', true],
    ]);
    const release = doc.paths['/holds/{holdId}/release']?.post;
    expect(release).not.toHaveProperty('requestBody');
    expect(release).toMatchObject({ responses: { '200': expect.anything() } });
    expect(params(release)).toEqual([
      ['holdId', 'path', true],
      ['Idempotency-Key', 'header', false],
    ]);
    const topUp = doc.paths['/top-ups']?.post;
    expect(topUp).toMatchObject({
      operationId: 'topUpPool',
      description: 'Admins only.',
      requestBody: { required: true },
      responses: {
        '201': { content: { 'application/json': { schema: { $ref: '#/components/schemas/TopUpResult' } } } },
      },
    });
    expect(params(topUp)).toEqual([['Idempotency-Key', 'header', false]]);
    expect(doc.paths['/settings']?.patch).toMatchObject({
      requestBody: {
        content: { 'application/json': { schema: { properties: { memberAlerts: expect.anything() } } } },
      },
    });

    const withoutUsage = createOpenApiDocument();
    expect(Object.keys(withoutUsage.paths['/holds'] ?? {})).toEqual(['get']);
    expect(withoutUsage.paths['/holds/{holdId}/capture']).toBeUndefined();
    expect(withoutUsage.paths['/holds/{holdId}/release']).toBeUndefined();
    expect(withoutUsage.paths['/top-ups']?.post).toBeDefined();
  });

  it('names the response schemas and the problem', () => {
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'Overview',
        'MembersPage',
        'LedgerPage',
        'Summary',
        'Balance',
        'CreditRequest',
        'Organization',
        'JournalEntry',
        'Member',
        'Hold',
        'HoldsPage',
        'HoldResult',
        'CaptureResult',
        'TopUpResult',
        'Problem',
      ]),
    );
    expect(doc.components.schemas.HoldsPage).toMatchObject({
      properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Hold' } } },
    });
    expect(doc.components.schemas.CaptureResult).toMatchObject({
      properties: {
        hold: { $ref: '#/components/schemas/Hold' },
        usage: { $ref: '#/components/schemas/JournalEntry' },
        member: { $ref: '#/components/schemas/Member' },
      },
      required: ['hold', 'usage', 'member'],
    });
    expect(doc.components.schemas.Hold).toMatchObject({
      properties: { status: { enum: ['active', 'captured', 'released', 'expired'] } },
    });
    expect(doc.components.schemas.Problem).toMatchObject({
      properties: { code: { enum: expect.arrayContaining(['hold_not_active']) } },
    });
    expect(doc.components.schemas.MembersPage).toMatchObject({
      properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Member' } } },
    });
    expect(doc.components.schemas.Problem).toMatchObject({
      required: expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']),
    });
    expect(JSON.stringify(doc)).not.toContain('$schema');
  });
});
