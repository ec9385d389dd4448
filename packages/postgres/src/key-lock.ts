import { cyrb53Halves } from '@allot/kysely';

/**
 * `SELECT pg_advisory_xact_lock(a, b)` for one idempotency key: a transaction-scoped lock on a
 * 64-bit hash of (schema, org, key), released at commit or rollback. The two integers are
 * computed here and written as literals, so the statement needs no parameters and can share a
 * round trip with BEGIN. Two keys with the same hash only wait for each other; nothing else.
 *
 * @example
 * ```ts
 * lockKeySql('allot', 'acme', 'job-1'); // 'select pg_advisory_xact_lock(1718290111, -1474024378)'
 * ```
 */
export function lockKeySql(schema: string, orgId: string, key: string): string {
  const [a, b] = cyrb53Halves(`allot:${schema}:${orgId.length}:${orgId}:${key}`);
  return `select pg_advisory_xact_lock(${a}, ${b})`;
}
