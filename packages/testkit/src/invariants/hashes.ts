import { verifyChains } from '@allot/core';
import type { Report, Snapshot } from './types';

/**
 * Every hash chain (one per member, one for the organization) verifies: each entry's hash
 * matches its content and its predecessor, and each record's `lastHash` is its chain's head.
 */
export function checkHashes({ org, members, journal }: Snapshot, report: Report): void {
  const heads = [
    { userId: null, seq: org.seq, lastHash: org.lastHash },
    ...members.map((m) => ({ userId: m.userId, seq: m.seq, lastHash: m.lastHash })),
  ];
  const broken = verifyChains(journal, heads);
  if (broken) {
    report(
      'hash-chain',
      `${broken.userId ?? 'organization'}: ${broken.reason} at seq ${broken.seq} (entry ${broken.entryId})`,
    );
  }
}
