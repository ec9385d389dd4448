/**
 * A canonical JSON string of a command: object keys sorted, `undefined` dropped. Two calls with
 * the same idempotency key must have the same fingerprint, else it is an `idempotency_conflict`.
 *
 * @example
 * ```ts
 * fingerprint({ b: 1, a: undefined, c: [2] }) === fingerprint({ c: [2], b: 1 }); // true
 * ```
 */
export function fingerprint(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const inner = (value as Record<string, unknown>)[key];
      if (inner !== undefined) out[key] = canonical(inner);
    }
    return out;
  }
  return value;
}
