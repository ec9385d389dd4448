import { describe, expect, it } from 'vitest';
import { errValue, fixedContext, NOW, okValue, org } from './fixtures.test-helpers';
import {
  changedSettings,
  decideCreateOrganization,
  decideUpdateSettings,
  type NewOrganization,
} from './organization';

function newOrg(overrides: Partial<NewOrganization> = {}): NewOrganization {
  return {
    name: 'Acme',
    domains: ['acme.com'],
    monthlyPool: 10_000,
    periodAnchorDay: 1,
    thresholds: { yellow: 70, red: 90 },
    rolloverPolicy: 'carry',
    defaultAllocation: 0,
    memberAlerts: { remainingBelow: null, remainingBelowPercent: 10 },
    admins: [{ userId: 'ada', email: 'ada@acme.com', name: 'Ada' }],
    ...overrides,
  };
}

describe('decideCreateOrganization', () => {
  it('creates the organization with its first period, an org entry and one entry per admin', () => {
    const { changes, result } = okValue(
      decideCreateOrganization(
        newOrg({
          admins: [
            { userId: 'ada', email: 'ada@acme.com', name: 'Ada' },
            { userId: 'bo', email: 'bo@acme.com', name: 'Bo' },
          ],
        }),
        fixedContext(),
      ),
    );
    expect(result).toMatchObject({
      id: 'id-1',
      allocated: 0,
      seq: 1,
      periodStart: '2026-11-01T00:00:00.000Z',
      periodEnd: '2026-12-01T00:00:00.000Z',
      createdAt: NOW,
    });
    expect(changes.organization).toEqual(result);
    expect(changes.members?.map((m) => [m.userId, m.role, m.status, m.seq])).toEqual([
      ['ada', 'admin', 'active', 1],
      ['bo', 'admin', 'active', 1],
    ]);
    expect(changes.journal?.map((e) => [e.type, e.userId, e.seq, e.balanceAfter])).toEqual([
      ['organization_created', null, 1, null],
      ['member_enrolled', 'ada', 1, 0],
      ['member_enrolled', 'bo', 1, 0],
    ]);
  });

  it('keeps an id chosen by the host', () => {
    expect(okValue(decideCreateOrganization(newOrg({ id: 'acme' }), fixedContext())).result.id).toBe('acme');
  });

  it('starts the first period on the anchor day before now', () => {
    const { result } = okValue(decideCreateOrganization(newOrg({ periodAnchorDay: 28 }), fixedContext()));
    expect(result.periodStart).toBe('2026-10-28T00:00:00.000Z');
    expect(result.periodEnd).toBe('2026-11-28T00:00:00.000Z');
  });

  it('refuses the same admin userId twice (validation naming admins)', () => {
    const error = errValue(
      decideCreateOrganization(
        newOrg({
          admins: [
            { userId: 'ada', email: 'ada@acme.com', name: 'Ada' },
            { userId: 'ada', email: 'ada2@acme.com', name: 'Ada 2' },
          ],
        }),
        fixedContext(),
      ),
    );
    expect(error.code).toBe('validation');
    if (error.code === 'validation') expect(error.issues[0]?.path).toBe('admins');
  });

  it('de-duplicates domains', () => {
    const { result } = okValue(
      decideCreateOrganization(newOrg({ domains: ['acme.com', 'acme.com', 'acme.io'] }), fixedContext()),
    );
    expect(result.domains).toEqual(['acme.com', 'acme.io']);
  });
});

describe('decideUpdateSettings', () => {
  it('changes the given settings and writes settings_changed naming them', () => {
    const { changes, result } = okValue(
      decideUpdateSettings(org(), { monthlyPool: 20_000, name: 'Acme Inc' }, fixedContext()),
    );
    expect(result).toMatchObject({ monthlyPool: 20_000, name: 'Acme Inc', seq: 2, updatedAt: NOW });
    expect(changes.journal).toEqual([
      expect.objectContaining({
        type: 'settings_changed',
        description: 'Settings changed: monthlyPool, name',
        seq: 2,
      }),
    ]);
  });

  it('refuses a pool below what is already allocated (insufficient_pool)', () => {
    const error = errValue(
      decideUpdateSettings(org({ allocated: 5000 }), { monthlyPool: 4999 }, fixedContext()),
    );
    expect(error).toMatchObject({ code: 'insufficient_pool', requested: 5000, available: 4999 });
    expect(error.message).toContain('5000');
  });

  it('accepts a pool exactly equal to what is allocated', () => {
    expect(
      okValue(decideUpdateSettings(org({ allocated: 5000 }), { monthlyPool: 5000 }, fixedContext())).result
        .monthlyPool,
    ).toBe(5000);
  });

  it('a patch that changes nothing writes nothing', () => {
    const current = org();
    const { changes, result } = okValue(
      decideUpdateSettings(
        current,
        { monthlyPool: 10_000, name: 'Acme', thresholds: { yellow: 70, red: 90 }, domains: ['acme.com'] },
        fixedContext(),
      ),
    );
    expect(changes).toEqual({});
    expect(result).toBe(current);
  });

  it('an empty patch writes nothing', () => {
    expect(okValue(decideUpdateSettings(org(), {}, fixedContext())).changes).toEqual({});
  });

  it('undefined fields are ignored', () => {
    const { changes, result } = okValue(
      decideUpdateSettings(org(), { name: undefined, monthlyPool: 1 }, fixedContext()),
    );
    expect(result.name).toBe('Acme');
    expect(changes.journal?.[0]?.description).toBe('Settings changed: monthlyPool');
  });

  it('de-duplicates domains', () => {
    const { result } = okValue(
      decideUpdateSettings(org(), { domains: ['b.com', 'a.com', 'b.com'] }, fixedContext()),
    );
    expect(result.domains).toEqual(['b.com', 'a.com']);
  });

  it('a domain list that is the current one plus duplicates writes nothing', () => {
    const { changes } = okValue(
      decideUpdateSettings(org(), { domains: ['acme.com', 'acme.com'] }, fixedContext()),
    );
    expect(changes).toEqual({});
  });

  it('thresholds equal to the current ones in another key order write nothing', () => {
    const stored = org({ thresholds: JSON.parse('{"red":90,"yellow":70}') });
    const { changes } = okValue(
      decideUpdateSettings(stored, { thresholds: { yellow: 70, red: 90 } }, fixedContext()),
    );
    expect(changes).toEqual({});
  });

  it('a new anchor day keeps the current period until it ends', () => {
    const { result } = okValue(decideUpdateSettings(org(), { periodAnchorDay: 15 }, fixedContext()));
    expect(result.periodAnchorDay).toBe(15);
    expect(result.periodStart).toBe('2026-11-01T00:00:00.000Z');
    expect(result.periodEnd).toBe('2026-12-01T00:00:00.000Z');
  });
});

describe('public email providers', () => {
  it.each([['gmail.com'], ['GMAIL.COM'], ['Outlook.com']])(
    'createOrganization refuses %s (validation on domains)',
    (domain) => {
      const error = errValue(
        decideCreateOrganization(newOrg({ domains: ['acme.com', domain] }), fixedContext()),
      );
      expect(error.code).toBe('validation');
      if (error.code !== 'validation') return;
      expect(error.issues.map((i) => i.path)).toEqual(['domains.1']);
      expect(error.message).toContain(domain);
    },
  );

  it('updateSettings refuses a public provider and writes nothing', () => {
    const error = errValue(decideUpdateSettings(org(), { domains: ['yahoo.com'] }, fixedContext()));
    expect(error.code).toBe('validation');
    if (error.code === 'validation') expect(error.issues[0]?.path).toBe('domains.0');
    expect(error.message).toContain('yahoo.com');
  });

  it('updateSettings still takes a company domain', () => {
    expect(
      okValue(decideUpdateSettings(org(), { domains: ['acme.io'] }, fixedContext())).result.domains,
    ).toEqual(['acme.io']);
  });
});

describe('changedSettings', () => {
  it('names only the fields whose value would change, sorted', () => {
    const current = org();
    expect(changedSettings(current, { monthlyPool: current.monthlyPool, name: 'Acme Corp' })).toEqual([
      'name',
    ]);
    expect(changedSettings(current, { thresholds: { yellow: 60, red: 80 }, monthlyPool: 1 })).toEqual([
      'monthlyPool',
      'thresholds',
    ]);
    expect(changedSettings(current, { domains: [...current.domains, ...current.domains] })).toEqual([]);
    expect(changedSettings(current, {})).toEqual([]);
  });
});
