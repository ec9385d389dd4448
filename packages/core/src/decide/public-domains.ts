import providers from 'email-providers/all.json' with { type: 'json' };
import { err, ok, type Result } from 'neverthrow';
import { errors, type ValidationError } from '../errors';

/** The public email providers' domains (the maintained `email-providers` list, ~8 700 domains). */
const PUBLIC_DOMAINS: ReadonlySet<string> = new Set(providers.map((d) => d.toLowerCase()));

/**
 * True when `domain` belongs to a public email provider (gmail.com, outlook.com, yahoo.com, …),
 * case-insensitively: anyone can get an address there, so no organization may claim it for
 * auto-enroll. The list is the maintained `email-providers` package.
 *
 * @example
 * ```ts
 * isPublicEmailDomain('Gmail.com'); // true
 * isPublicEmailDomain('acme.com'); // false
 * ```
 */
export function isPublicEmailDomain(domain: string): boolean {
  return PUBLIC_DOMAINS.has(domain.trim().toLowerCase());
}

/**
 * `domains` when an organization may claim every one of them; a `validation` error naming
 * `domains` and each public email provider's domain otherwise.
 *
 * @example
 * ```ts
 * claimableDomains(['acme.com']).isOk(); // true
 * claimableDomains(['acme.com', 'gmail.com']); // Err validation — domains.1: gmail.com is a public email provider's domain …
 * ```
 */
export function claimableDomains(domains: readonly string[]): Result<readonly string[], ValidationError> {
  const issues = domains.flatMap((domain, index) =>
    isPublicEmailDomain(domain)
      ? [
          {
            path: `domains.${index}`,
            message: `${domain} is a public email provider's domain: anyone can get an address there, so no organization can claim it`,
            code: 'custom',
          },
        ]
      : [],
  );
  if (issues.length === 0) return ok(domains);
  return err(
    errors.validation(`Invalid input — ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`, issues),
  );
}
