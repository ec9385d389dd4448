import type { Role } from './model';

/** One Allot command as plain data, so that it can be sent again (a retry) or compared. */
export type Call =
  | { kind: 'assign'; userId: string; total: number; key?: string }
  | { kind: 'revoke'; userId: string; amount: number; key?: string }
  | { kind: 'consume'; userId: string; amount: number; key: string }
  | { kind: 'refund'; usageId: string; amount?: number; key: string }
  | { kind: 'submit'; userId: string; amount: number; key?: string }
  | { kind: 'approve'; requestId: string; amount?: number; key?: string }
  | { kind: 'reject'; requestId: string; key?: string }
  | { kind: 'cancel'; requestId: string; requester: string; key?: string }
  | { kind: 'setRole'; userId: string; role: Role; key?: string }
  | { kind: 'remove'; userId: string; key?: string }
  | { kind: 'enroll'; userId: string }
  | { kind: 'reserve'; userId: string; amount: number; ttlSeconds: number; key: string }
  | { kind: 'capture'; holdId: string; amount?: number; key: string }
  | { kind: 'release'; holdId: string; key?: string }
  | { kind: 'topUp'; amount: number; key?: string }
  /**
   * A read that expires due holds first: all members' (overview, members, holds) or one's. Holds
   * reads list every hold, or only the active ones with `onlyActive`.
   */
  | { kind: 'read'; read: ReadKind; userId?: string; onlyActive?: boolean };

/** The reads that expire due holds before they answer. */
export type ReadKind = 'overview' | 'members' | 'balance' | 'holds';

/** The call without its key: two calls under one key must have the same payload. */
export function payloadJson(call: Call): string {
  const { key: _key, ...rest } = call as Call & { key?: string };
  return JSON.stringify(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function keyOf(call: Call): string | undefined {
  return 'key' in call ? call.key : undefined;
}

/** A short readable form for counterexamples. */
export function showCall(call: Call): string {
  const { kind, ...rest } = call;
  const args = Object.entries(rest)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' && v.length > 12 ? `${v.slice(0, 8)}…` : String(v)}`);
  return `${kind}(${args.join(', ')})`;
}
