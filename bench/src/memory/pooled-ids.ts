const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOL = 16 * 256;

/**
 * The same time-ordered UUIDv7-style ids as core's `createIdGenerator`, but drawing randomness
 * from a 4 KiB pool refilled once per 256 ids instead of one `crypto.getRandomValues()` call per
 * id. Used to measure the effect of that change through the public `newId` option.
 */
export function createPooledIdGenerator(now: () => number = Date.now): () => string {
  const pool = new Uint8Array(POOL);
  let offset = POOL;
  let lastMs = 0;
  let counter = 0;
  return () => {
    if (offset === POOL) {
      globalThis.crypto.getRandomValues(pool);
      offset = 0;
    }
    const bytes = pool.subarray(offset, offset + 16);
    offset += 16;
    const ms = Math.max(now(), lastMs);
    counter = ms === lastMs ? counter + 1 : 0;
    lastMs = ms;
    let rest = ms;
    for (let i = 5; i >= 0; i--) {
      bytes[i] = rest % 256;
      rest = Math.floor(rest / 256);
    }
    bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
    let hex = '';
    for (const b of bytes) hex += HEX[b];
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
