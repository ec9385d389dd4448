/** Two 32-bit hashes of `text` (cyrb53's mixing), as signed integers for `int4` arguments. */
function hashPair(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 | 0, h2 | 0];
}

/**
 * `SELECT pg_advisory_xact_lock(a, b)` for one idempotency key: a transaction-scoped lock on a
 * 64-bit hash of (schema, org, key), released at commit or rollback. The two integers are
 * computed here and written as literals, so the statement needs no parameters and can share a
 * round trip with BEGIN. Two keys with the same hash only wait for each other; nothing else.
 *
 * @example
 * ```ts
 * lockKeySql('allot', 'acme', 'job-1'); // 'select pg_advisory_xact_lock(-1240113425, 55017233)'
 * ```
 */
export function lockKeySql(schema: string, orgId: string, key: string): string {
  const [a, b] = hashPair(`allot:${schema}:${orgId.length}:${orgId}:${key}`);
  return `select pg_advisory_xact_lock(${a}, ${b})`;
}
