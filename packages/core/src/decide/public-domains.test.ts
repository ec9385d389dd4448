import providers from 'email-providers/all.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { errValue, okValue } from './fixtures.test-helpers';
import { claimableDomains, isPublicEmailDomain } from './public-domains';

describe('isPublicEmailDomain', () => {
  it.each(['gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'proton.me', 'gmx.de'])(
    'knows %s',
    (domain) => {
      expect(isPublicEmailDomain(domain)).toBe(true);
    },
  );

  it('ignores case and surrounding spaces', () => {
    expect(isPublicEmailDomain('GMail.COM')).toBe(true);
    expect(isPublicEmailDomain(' Outlook.com ')).toBe(true);
  });

  it('is every domain of the email-providers list, and only those', () => {
    expect(providers.length).toBeGreaterThan(1000);
    expect(providers.every((domain) => isPublicEmailDomain(domain))).toBe(true);
    for (const company of ['acme.com', 'globex.com', 'acme.io', 'gmail.com.evil.io', 'mail.acme.com']) {
      expect(isPublicEmailDomain(company)).toBe(false);
    }
  });
});

describe('claimableDomains', () => {
  it('passes company domains through', () => {
    expect(okValue(claimableDomains(['acme.com', 'acme.io']))).toEqual(['acme.com', 'acme.io']);
    expect(claimableDomains([]).isOk()).toBe(true);
  });

  it('refuses each public provider with a validation issue naming domains and the domain', () => {
    const error = errValue(claimableDomains(['acme.com', 'gmail.com', 'Yahoo.com']));
    expect(error.code).toBe('validation');
    if (error.code !== 'validation') return;
    expect(error.issues.map((i) => i.path)).toEqual(['domains.1', 'domains.2']);
    expect(error.issues[0]?.message).toMatch(/^gmail\.com is a public email provider/);
    expect(error.issues[1]?.message).toMatch(/^Yahoo\.com is a public email provider/);
    expect(error.message).toContain('domains.1: gmail.com');
  });
});
