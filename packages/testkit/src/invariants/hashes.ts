import { findChainBreaks } from '@allot/core/port';
import type { Report, Snapshot } from './types';

/**
 * Every hash chain (one per member, one for the organization) verifies: each entry's hash
 * matches its content and its predecessor, and each record's `lastHash` is its chain's head.
 * Every break is reported, not only the first.
 */
export function checkHashes({ org, members, journal }: Snapshot, report: Report): void {
  const heads = [
    { userId: null, seq: org.seq, lastHash: org.lastHash },
    ...members.map((m) => ({ userId: m.userId, seq: m.seq, lastHash: m.lastHash })),
  ];
  for (const broken of findChainBreaks(journal, heads)) {
    report('hash-chain', `${broken.message} [${broken.reason}]`);
  }
}
