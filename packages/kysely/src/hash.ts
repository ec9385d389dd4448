/**
 * cyrb53's two 32-bit halves of `text` (a fast, well-mixed, non-cryptographic hash), as signed
 * integers: statement names and Postgres advisory-lock keys are made from them.
 *
 * @example
 * ```ts
 * const [h1, h2] = cyrb53Halves('select 1');
 * const hash53 = 4294967296 * (2097151 & h2) + (h1 >>> 0); // the 53-bit cyrb53 value
 * ```
 */
export function cyrb53Halves(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1, h2];
}
