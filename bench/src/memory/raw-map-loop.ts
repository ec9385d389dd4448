import { randomUUID } from 'node:crypto';

interface RawMember {
  allocated: number;
  used: number;
  seq: number;
}

interface RawEntry {
  id: string;
  orgId: string;
  seq: number;
  at: string;
  userId: string;
  type: 'usage';
  amount: number;
  balanceAfter: number;
  description: string;
  idempotencyKey: string;
}

/**
 * The memory baseline: the same work a consume does (find the member, check remaining, update
 * used and the chain position, append a journal entry, remember the idempotency key) on plain
 * `Map`s and an array, with no validation, no promise and no transaction.
 */
export function createRawMapLedger(orgId: string, userIds: string[], allocation: number) {
  const members = new Map<string, RawMember>(
    userIds.map((id) => [id, { allocated: allocation, used: 0, seq: 1 }]),
  );
  let journal: RawEntry[] = [];
  let keys = new Map<string, string>();

  return {
    consume(userId: string, amount: number, idempotencyKey: string): void {
      if (keys.has(idempotencyKey)) return;
      const member = members.get(userId);
      if (!member) throw new Error(`no member ${userId}`);
      const remaining = member.allocated - member.used;
      if (amount > remaining) throw new Error('insufficient credits');
      member.used += amount;
      member.seq += 1;
      const entry: RawEntry = {
        id: randomUUID(),
        orgId,
        seq: member.seq,
        at: new Date().toISOString(),
        userId,
        type: 'usage',
        amount: -amount,
        balanceAfter: remaining - amount,
        description: 'bench',
        idempotencyKey,
      };
      journal.push(entry);
      keys.set(idempotencyKey, entry.id);
    },
    /** Entries appended so far. */
    get size(): number {
      return journal.length;
    },
    /** Drops the journal between runs so every run starts from the same size. */
    reset(): void {
      journal = [];
      keys = new Map();
    },
  };
}
