import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as q from './queries';
import { issuePaths, parsed } from './schema-helpers.test-helpers';

const orgScoped: { name: string; schema: z.ZodType }[] = [
  { name: 'overviewInput', schema: q.overviewInput },
  { name: 'getSettingsInput', schema: q.getSettingsInput },
  { name: 'membersInput', schema: q.membersInput },
  { name: 'requestsInput', schema: q.requestsInput },
  { name: 'ledgerInput', schema: q.ledgerInput },
  { name: 'summaryInput', schema: q.summaryInput },
  { name: 'exportCsvInput', schema: q.exportCsvInput },
  { name: 'balanceInput', schema: q.balanceInput },
];

describe.each(orgScoped)('$name', ({ schema }) => {
  it('accepts just an orgId', () => {
    expect(issuePaths(schema, { orgId: 'o' })).toEqual([]);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '  '],
    ['a number', 7],
    ['too long', 'o'.repeat(201)],
  ])('rejects an orgId that is %s', (_label, orgId) => {
    expect(issuePaths(schema, { orgId })).toEqual(['orgId']);
  });
});

describe('page sizes (limit)', () => {
  it.each([q.membersInput, q.requestsInput, q.ledgerInput])(
    'defaults to 50 and coerces query strings',
    (schema) => {
      expect(parsed(schema, { orgId: 'o' })).toMatchObject({ limit: 50 });
      expect(parsed(schema, { orgId: 'o', limit: '20' })).toMatchObject({ limit: 20 });
    },
  );

  it.each([0, 501, 2.5, 'abc'])('rejects %j', (limit) => {
    expect(issuePaths(q.ledgerInput, { orgId: 'o', limit })).toEqual(['limit']);
  });
});

describe('membersInput', () => {
  it('applies defaults', () => {
    expect(parsed(q.membersInput, { orgId: 'o' })).toEqual({
      orgId: 'o',
      limit: 50,
      offset: 0,
      includeRemoved: false,
    });
  });

  it('rejects a negative offset and a non-boolean includeRemoved', () => {
    expect(issuePaths(q.membersInput, { orgId: 'o', offset: -1 })).toEqual(['offset']);
    expect(issuePaths(q.membersInput, { orgId: 'o', includeRemoved: 'yes' })).toEqual(['includeRemoved']);
  });
});

describe('requestsInput', () => {
  it("defaults the status to 'all' and accepts every request status", () => {
    expect(parsed(q.requestsInput, { orgId: 'o' }).status).toBe('all');
    for (const status of ['pending', 'approved', 'rejected', 'cancelled', 'all']) {
      expect(issuePaths(q.requestsInput, { orgId: 'o', status })).toEqual([]);
    }
  });

  it('rejects an unknown status', () => {
    expect(issuePaths(q.requestsInput, { orgId: 'o', status: 'open' })).toEqual(['status']);
  });
});

describe('ledgerFilterSchema', () => {
  it('defaults to an empty filter in ledgerInput and summaryInput', () => {
    expect(parsed(q.ledgerInput, { orgId: 'o' }).filter).toEqual({});
    expect(parsed(q.summaryInput, { orgId: 'o' }).filter).toEqual({});
  });

  it('accepts one type, an array of types and a comma-separated list', () => {
    expect(parsed(q.ledgerFilterSchema, { type: 'usage' }).type).toEqual(['usage']);
    expect(parsed(q.ledgerFilterSchema, { type: ['usage', 'refund'] }).type).toEqual(['usage', 'refund']);
    expect(parsed(q.ledgerFilterSchema, { type: 'usage, refund,allocation' }).type).toEqual([
      'usage',
      'refund',
      'allocation',
    ]);
  });

  it('rejects an unknown event type, naming the type field', () => {
    const paths = issuePaths(q.ledgerInput, { orgId: 'o', filter: { type: 'usage,bogus' } });
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatch(/^filter\.type/);
  });

  it('normalises dates to ISO UTC', () => {
    const out = parsed(q.ledgerFilterSchema, {
      from: '2026-11-01',
      to: '2026-11-25T12:00:00+02:00',
    });
    expect(out).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-25T10:00:00.000Z' });
    expect(parsed(q.ledgerFilterSchema, { from: new Date('2026-11-03T00:00:00Z') }).from).toBe(
      '2026-11-03T00:00:00.000Z',
    );
  });

  it('rejects from after to, naming filter.from', () => {
    expect(
      issuePaths(q.ledgerInput, { orgId: 'o', filter: { from: '2026-12-01', to: '2026-11-01' } }),
    ).toEqual(['filter.from']);
  });

  it('accepts from equal to to (an empty range)', () => {
    expect(issuePaths(q.ledgerFilterSchema, { from: '2026-12-01', to: '2026-12-01' })).toEqual([]);
  });

  it.each(['yesterday', '2026-13-01', 12345, new Date('nope')])('rejects the date %j', (from) => {
    expect(issuePaths(q.ledgerFilterSchema, { from })).toEqual(['from']);
  });

  it('rejects an empty userId', () => {
    expect(issuePaths(q.ledgerInput, { orgId: 'o', filter: { userId: '' } })).toEqual(['filter.userId']);
  });
});

describe('balanceInput', () => {
  it('leaves userId undefined (the caller) when omitted', () => {
    expect(parsed(q.balanceInput, { orgId: 'o' }).userId).toBeUndefined();
  });
});
