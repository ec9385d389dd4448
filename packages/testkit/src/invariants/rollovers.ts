import type { Report } from './types';

/** One member's rollover, as replayed from its chain. */
export interface RolloverStep {
  owner: string;
  entryId: string;
  /** When the rollover ran (every member's rollover of one period change shares it). */
  at: string;
  /** Whether the member was active (not removed) when it ran. */
  active: boolean;
  /** The allocation before it (exact). */
  allocated: bigint;
  /** The balance it left: the new allocation, usage and holds being gone (exact). */
  next: bigint;
}

/** ⌈a ÷ b⌉ for non-negative integers. */
function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/**
 * True when some pool `P` below `carried` scales every allocation `a` to `⌊a × P ÷ carried⌋`.
 * Each step bounds `P` to `[⌈n × C ÷ a⌉, ⌈(n + 1) × C ÷ a⌉ − 1]`.
 */
function isProportional(steps: RolloverStep[], carried: bigint): boolean {
  let low = 0n;
  let high = carried - 1n;
  for (const { allocated, next } of steps) {
    if (allocated === 0n) {
      if (next !== 0n) return false;
      continue;
    }
    const a = allocated;
    const n = next;
    const from = ceilDiv(n * carried, a);
    const to = ceilDiv((n + 1n) * carried, a) - 1n;
    if (from > low) low = from;
    if (to < high) high = to;
  }
  return low <= high;
}

/**
 * Rollovers reset usage and follow the policy for every member at once: removed members drop to
 * 0; active members all reset to 0, or all keep their allocation, or — when the allocations no
 * longer fit the new pool — all have it scaled down by one common factor (⌊a × pool ÷ Σ a⌋).
 */
export function checkRollovers(steps: RolloverStep[], report: Report): void {
  const byInstant = new Map<string, RolloverStep[]>();
  for (const step of steps) {
    if (step.next < 0n || step.next > step.allocated || (!step.active && step.next !== 0n)) {
      report(
        'rollover-resets-usage',
        `${step.owner}: rollover ${step.entryId} leaves ${step.next}; it must carry at most the allocation ${step.allocated}${step.active ? '' : ' (0 for a removed member)'}, with usage reset`,
      );
    }
    const group = byInstant.get(step.at) ?? [];
    group.push(step);
    byInstant.set(step.at, group);
  }
  for (const [at, group] of byInstant) {
    const active = group.filter((s) => s.active);
    if (active.every((s) => s.next === s.allocated) || active.every((s) => s.next === 0n)) continue;
    const carried = active.reduce((sum, s) => sum + s.allocated, 0n);
    if (!isProportional(active, carried)) {
      report(
        'rollover-resets-usage',
        `the rollover at ${at} neither keeps, resets nor scales every allocation by one factor: ${active.map((s) => `${s.owner} ${s.allocated} → ${s.next}`).join(', ')}`,
      );
    }
  }
}
