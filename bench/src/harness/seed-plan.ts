/**
 * The shape of the seeded journal, shared by the Postgres (SQL) and SQLite (JavaScript) seeders
 * so both stores hold the same kind of history (the pseudo-random amounts and times differ).
 *
 * Entry `g` of a batch belongs to member `g % members` and is that member's `k = ⌊g / members⌋`-th
 * new entry. Its type follows `k % 20`: 0 → allocation (+1000), 10 → refund of the member's
 * previous entry (a usage, refunded in full), 19 → revocation (−100), otherwise a usage of 1–64
 * credits. Each member's chain stays gapless (seq continues from the member row) and every
 * `balance_after` is the previous one plus the amount; afterwards the member rows get the new
 * allocated / used / seq and the pool row the new allocated, so the ledger invariants hold.
 * Times are spread uniformly over the months before now.
 */
export const SEED = {
  allocation: 1000,
  revocation: -100,
  cycle: 20,
} as const;

/** A 32-bit integer hash (for pseudo-random amounts and times). */
export function mix(x: number): number {
  let h = Math.imul(x ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export type SeedType = 'allocation' | 'refund' | 'revocation' | 'usage';

/** The type of the `k`-th new entry of a member. */
export function seedType(k: number): SeedType {
  const r = k % SEED.cycle;
  if (r === 0) return 'allocation';
  if (r === 10) return 'refund';
  if (r === 19) return 'revocation';
  return 'usage';
}

/** The usage amount (credits) of batch entry `g`. */
export function usageAmount(g: number, salt: number): number {
  return (mix(g + salt) & 63) + 1;
}
