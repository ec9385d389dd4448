/** A random id with a readable prefix, unique across test runs on a shared store. */
export function randomId(prefix = 'id'): string {
  return `${prefix}-${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

/** A random, valid email domain no other test claims, such as `t3f9c0a1b2d4e5f6.com`. */
export function uniqueDomain(): string {
  return `t${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 16)}.com`;
}
