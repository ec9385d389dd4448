import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as c from './commands';
import { issuePaths, NEVER_CREDITS, parsed } from './schema-helpers.test-helpers';

const admins = [{ userId: 'ada', email: 'ada@acme.com', name: 'Ada' }];

/** A valid input for every command schema, and the fields holding credits (and whether 0 is allowed). */
const cases: {
  name: string;
  schema: z.ZodType;
  valid: Record<string, unknown>;
  credits: [string, boolean][];
}[] = [
  {
    name: 'createOrganizationInput',
    schema: c.createOrganizationInput,
    valid: { name: 'Acme', monthlyPool: 1000, admins },
    credits: [
      ['monthlyPool', true],
      ['defaultAllocation', true],
    ],
  },
  {
    name: 'updateSettingsInput',
    schema: c.updateSettingsInput,
    valid: { orgId: 'o' },
    credits: [
      ['monthlyPool', true],
      ['defaultAllocation', true],
    ],
  },
  {
    name: 'enrollInput',
    schema: c.enrollInput,
    valid: { userId: 'u', email: 'u@acme.com', name: 'U' },
    credits: [],
  },
  {
    name: 'setRoleInput',
    schema: c.setRoleInput,
    valid: { orgId: 'o', userId: 'u', role: 'admin' },
    credits: [],
  },
  { name: 'removeMemberInput', schema: c.removeMemberInput, valid: { orgId: 'o', userId: 'u' }, credits: [] },
  {
    name: 'assignInput',
    schema: c.assignInput,
    valid: { orgId: 'o', userId: 'u', total: 10 },
    credits: [['total', true]],
  },
  {
    name: 'revokeInput',
    schema: c.revokeInput,
    valid: { orgId: 'o', userId: 'u', amount: 10 },
    credits: [['amount', false]],
  },
  {
    name: 'consumeInput',
    schema: c.consumeInput,
    valid: { orgId: 'o', userId: 'u', amount: 10, idempotencyKey: 'k' },
    credits: [['amount', false]],
  },
  {
    name: 'refundInput',
    schema: c.refundInput,
    valid: { orgId: 'o', usageId: 'use-1', idempotencyKey: 'k' },
    credits: [['amount', false]],
  },
  {
    name: 'submitRequestInput',
    schema: c.submitRequestInput,
    valid: { orgId: 'o', amount: 10 },
    credits: [['amount', false]],
  },
  {
    name: 'approveRequestInput',
    schema: c.approveRequestInput,
    valid: { orgId: 'o', requestId: 'r' },
    credits: [['amount', false]],
  },
  {
    name: 'rejectRequestInput',
    schema: c.rejectRequestInput,
    valid: { orgId: 'o', requestId: 'r' },
    credits: [],
  },
  {
    name: 'cancelRequestInput',
    schema: c.cancelRequestInput,
    valid: { orgId: 'o', requestId: 'r' },
    credits: [],
  },
];

describe.each(cases)('$name', ({ schema, valid, credits }) => {
  it('accepts the minimal valid input', () => {
    expect(issuePaths(schema, valid)).toEqual([]);
  });

  it('rejects a non-object', () => {
    expect(issuePaths(schema, 'nope')).toEqual(['(input)']);
  });

  const strings = Object.keys(valid).filter((k) => typeof valid[k] === 'string');

  it.each(strings)('rejects an empty %s', (field) => {
    expect(issuePaths(schema, { ...valid, [field]: '' })).toEqual([field]);
  });

  // Idempotency keys are opaque: only ids, names and emails are trimmed.
  it.each(strings.filter((k) => k !== 'idempotencyKey'))('rejects a blank %s', (field) => {
    expect(issuePaths(schema, { ...valid, [field]: '   ' })).toEqual([field]);
  });

  it.each(Object.keys(valid))('rejects %s of the wrong type', (field) => {
    expect(issuePaths(schema, { ...valid, [field]: { wrong: true } })).toEqual([field]);
  });

  for (const [field, zeroOk] of credits) {
    it.each(NEVER_CREDITS)(`rejects ${field} as %s`, (_label, value) => {
      expect(issuePaths(schema, { ...valid, [field]: value })).toEqual([field]);
    });

    it(`${field} accepts MAX_SAFE_INTEGER and ${zeroOk ? 'accepts' : 'rejects'} 0`, () => {
      expect(issuePaths(schema, { ...valid, [field]: Number.MAX_SAFE_INTEGER })).toEqual([]);
      expect(issuePaths(schema, { ...valid, [field]: 0 })).toEqual(zeroOk ? [] : [field]);
    });
  }
});

describe('createOrganizationInput', () => {
  const base = { name: 'Acme', monthlyPool: 1000, admins };

  it('applies defaults', () => {
    expect(parsed(c.createOrganizationInput, base)).toMatchObject({
      domains: [],
      periodAnchorDay: 1,
      thresholds: { yellow: 70, red: 90 },
      rolloverPolicy: 'carry',
      defaultAllocation: 0,
    });
  });

  it('needs at least one admin', () => {
    expect(issuePaths(c.createOrganizationInput, { ...base, admins: [] })).toEqual(['admins']);
  });

  it('names the field of a bad admin', () => {
    expect(
      issuePaths(c.createOrganizationInput, { ...base, admins: [{ ...admins[0], email: 'nope' }] }),
    ).toEqual(['admins.0.email']);
  });

  it('rejects thresholds with yellow above red, naming thresholds.yellow', () => {
    expect(issuePaths(c.createOrganizationInput, { ...base, thresholds: { yellow: 91, red: 90 } })).toEqual([
      'thresholds.yellow',
    ]);
  });

  it('rejects a threshold outside 0–100', () => {
    expect(issuePaths(c.createOrganizationInput, { ...base, thresholds: { yellow: 70, red: 101 } })).toEqual([
      'thresholds.red',
    ]);
  });

  it.each([0, 29, 1.5])('rejects anchor day %s', (day) => {
    expect(issuePaths(c.createOrganizationInput, { ...base, periodAnchorDay: day })).toEqual([
      'periodAnchorDay',
    ]);
  });

  it('accepts anchor days 1 and 28', () => {
    expect(issuePaths(c.createOrganizationInput, { ...base, periodAnchorDay: 28 })).toEqual([]);
  });

  it('rejects an unknown rollover policy', () => {
    expect(issuePaths(c.createOrganizationInput, { ...base, rolloverPolicy: 'keep' })).toEqual([
      'rolloverPolicy',
    ]);
  });

  it.each([
    'acme',
    '.acme.com',
    'acme.com.',
    '*.acme.com',
    'ada@acme.com',
    'https://acme.com',
    'acme.com/evil',
    'acme .com',
    '-acme.com',
    'acme..com',
  ])('rejects the domain %j', (bad) => {
    expect(issuePaths(c.createOrganizationInput, { ...base, domains: ['ok.com', bad] })).toEqual([
      'domains.1',
    ]);
  });

  it('lower-cases and trims domains', () => {
    expect(parsed(c.createOrganizationInput, { ...base, domains: [' ACME.com '] }).domains).toEqual([
      'acme.com',
    ]);
  });
});

describe('enrollInput', () => {
  const base = { userId: 'u', name: 'U' };

  it.each(['not-an-email', 'a@', '@acme.com', 'a b@acme.com', 'ada@@acme.com'])(
    'rejects the email %j',
    (email) => {
      expect(issuePaths(c.enrollInput, { ...base, email })).toEqual(['email']);
    },
  );

  it('lower-cases and trims the email', () => {
    expect(parsed(c.enrollInput, { ...base, email: '  Ada@ACME.com ' }).email).toBe('ada@acme.com');
  });
});

describe('setRoleInput', () => {
  it('rejects an unknown role', () => {
    expect(issuePaths(c.setRoleInput, { orgId: 'o', userId: 'u', role: 'owner' })).toEqual(['role']);
  });
});

describe('consumeInput', () => {
  const base = { orgId: 'o', userId: 'u', amount: 1, idempotencyKey: 'k' };

  it('requires an idempotency key', () => {
    const { idempotencyKey: _k, ...rest } = base;
    expect(issuePaths(c.consumeInput, rest)).toEqual(['idempotencyKey']);
  });

  it('defaults the description to empty', () => {
    expect(parsed(c.consumeInput, base).description).toBe('');
  });

  it('rejects a description over 500 characters', () => {
    expect(issuePaths(c.consumeInput, { ...base, description: 'x'.repeat(501) })).toEqual(['description']);
  });

  it('accepts flat metadata and rejects nested values, NaN and more than 32 keys', () => {
    expect(issuePaths(c.consumeInput, { ...base, metadata: { a: 'x', b: 1, c: true, d: null } })).toEqual([]);
    expect(issuePaths(c.consumeInput, { ...base, metadata: { a: { nested: 1 } } })).toEqual(['metadata.a']);
    expect(issuePaths(c.consumeInput, { ...base, metadata: { a: Number.NaN } })).toEqual(['metadata.a']);
    const many = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i]));
    expect(issuePaths(c.consumeInput, { ...base, metadata: many })).toEqual(['metadata']);
  });

  it('rejects an idempotency key over 255 characters', () => {
    expect(issuePaths(c.consumeInput, { ...base, idempotencyKey: 'k'.repeat(256) })).toEqual([
      'idempotencyKey',
    ]);
  });
});

describe('consumeManyInput', () => {
  const ev = (i: number) => ({ userId: 'u', amount: 1, idempotencyKey: `k-${i}` });

  it('takes up to MAX_BATCH_EVENTS events (none is fine) and defaults each description', () => {
    expect(parsed(c.consumeManyInput, { orgId: 'o', events: [ev(0)] }).events[0]?.description).toBe('');
    expect(issuePaths(c.consumeManyInput, { orgId: 'o', events: [] })).toEqual([]);
    const most = Array.from({ length: c.MAX_BATCH_EVENTS }, (_, i) => ev(i));
    expect(issuePaths(c.consumeManyInput, { orgId: 'o', events: most })).toEqual([]);
    expect(issuePaths(c.consumeManyInput, { orgId: 'o', events: [...most, ev(-1)] })).toEqual(['events']);
  });

  it('names a bad event by its index path, unknown keys too', () => {
    const events = [ev(0), ev(1), ev(2), { ...ev(3), amount: 0 }, { ...ev(4), cost: 3 }];
    expect(issuePaths(c.consumeManyInput, { orgId: 'o', events })).toEqual(['events.3.amount', 'events.4']);
  });

  it('refuses a key twice in one batch, naming the later event', () => {
    const events = [ev(0), ev(1), { ...ev(2), idempotencyKey: 'k-0' }];
    expect(issuePaths(c.consumeManyInput, { orgId: 'o', events })).toEqual(['events.2.idempotencyKey']);
  });
});

describe('refundInput', () => {
  it('leaves the amount undefined (the whole rest) and defaults the description', () => {
    const out = parsed(c.refundInput, { orgId: 'o', usageId: 'u', idempotencyKey: 'k' });
    expect(out.amount).toBeUndefined();
    expect(out.description).toBe('');
  });
});

describe('submitRequestInput', () => {
  const base = { orgId: 'o', amount: 5 };

  it('accepts a message of 1000 characters and rejects 1001', () => {
    expect(issuePaths(c.submitRequestInput, { ...base, message: 'm'.repeat(1000) })).toEqual([]);
    expect(issuePaths(c.submitRequestInput, { ...base, message: 'm'.repeat(1001) })).toEqual(['message']);
  });

  it('trims the message before measuring it', () => {
    expect(
      parsed(c.submitRequestInput, { ...base, message: `  ${'m'.repeat(1000)}  ` }).message,
    ).toHaveLength(1000);
  });
});

describe('rejectRequestInput', () => {
  it('rejects a reason over 1000 characters', () => {
    expect(
      issuePaths(c.rejectRequestInput, { orgId: 'o', requestId: 'r', reason: 'r'.repeat(1001) }),
    ).toEqual(['reason']);
  });
});

describe('updateSettingsInput', () => {
  it('rejects thresholds yellow > red and anchor day 29 at once, naming both', () => {
    expect(
      issuePaths(c.updateSettingsInput, {
        orgId: 'o',
        thresholds: { yellow: 95, red: 90 },
        periodAnchorDay: 29,
      }),
    ).toEqual(expect.arrayContaining(['thresholds.yellow', 'periodAnchorDay']));
  });

  it('adds no defaults (an empty patch stays empty)', () => {
    expect(parsed(c.updateSettingsInput, { orgId: 'o' })).toEqual({ orgId: 'o' });
  });
});
