/**
 * Generates unique ids. Injectable so tests can make them deterministic.
 *
 * @example
 * ```ts
 * let n = 0;
 * const newId: IdGenerator = () => `id-${++n}`; // deterministic ids for a test
 * const allot = createAllot({ store, newId });
 * ```
 */
export type IdGenerator = () => string;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * UUIDv7-style ids: 48 bits of milliseconds, then a counter and randomness, so ids made by one
 * process sort in creation order (the ledger breaks ties on time by id).
 *
 * @example
 * ```ts
 * const newId = createIdGenerator();
 * newId() < newId(); // true: ids sort in creation order
 * ```
 */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  let lastMs = 0;
  let counter = 0;
  // One getRandomValues call per 256 ids instead of one per id (it was a quarter of consume's CPU).
  const pool = new Uint8Array(16 * 256);
  let offset = pool.length;
  return () => {
    let ms = Math.max(now(), lastMs);
    counter = ms === lastMs ? counter + 1 : 0;
    if (counter > 0xfff) {
      // The 12-bit counter is spent: borrow the next millisecond so ids keep sorting in order.
      ms += 1;
      counter = 0;
    }
    lastMs = ms;
    if (offset === pool.length) {
      globalThis.crypto.getRandomValues(pool);
      offset = 0;
    }
    const bytes = pool.subarray(offset, offset + 16);
    offset += 16;
    let rest = ms;
    for (let i = 5; i >= 0; i--) {
      bytes[i] = rest % 256;
      rest = Math.floor(rest / 256);
    }
    // 12-bit counter in the version nibble's byte pair, then the variant bits.
    bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
    let id = '';
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) id += '-';
      id += HEX[bytes[i] as number];
    }
    return id;
  };
}
