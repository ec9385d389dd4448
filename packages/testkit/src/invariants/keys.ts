import type { JournalEntry } from '@allot/core';
import type { InvariantOptions, Report, Snapshot } from './types';

/**
 * At most one effect per idempotency key: the entries that carry a key come from one command, so
 * they share its time and actor and no two of them have the same type for the same account and
 * the same request or hold (a removal cancels each pending request and releases each hold of the
 * member, under its one key). Every acknowledged entry id and key is
 * in the journal; no key whose every attempt was refused is.
 */
export function checkKeys({ journal }: Snapshot, options: InvariantOptions, report: Report): void {
  const byKey = new Map<string, JournalEntry[]>();
  const ids = new Set<string>();
  for (const entry of journal) {
    ids.add(entry.id);
    if (entry.idempotencyKey === null) continue;
    const group = byKey.get(entry.idempotencyKey) ?? [];
    group.push(entry);
    byKey.set(entry.idempotencyKey, group);
  }

  for (const [key, group] of byKey) {
    const seen = new Map<string, string>();
    const [head] = group;
    for (const entry of group) {
      if (head && (entry.at !== head.at || entry.actor !== head.actor)) {
        report(
          'idempotency-single-effect',
          `key "${key}" is on ${head.id} (${head.at}, ${head.actor}) and ${entry.id} (${entry.at}, ${entry.actor})`,
        );
        continue;
      }
      // Only these repeat within one command (a removal closing several requests and holds).
      const subject =
        entry.type === 'request_cancelled'
          ? entry.requestId
          : entry.type === 'hold_released'
            ? entry.holdId
            : null;
      const effect = `${entry.type}:${entry.userId ?? '(organization)'}${subject ? `:${subject}` : ''}`;
      const first = seen.get(effect);
      if (first)
        report('idempotency-single-effect', `key "${key}" is on ${first} and ${entry.id} (${effect})`);
      else seen.set(effect, entry.id);
    }
  }

  for (const id of options.acknowledged?.entryIds ?? []) {
    if (!ids.has(id)) report('acknowledged-present', `acknowledged entry ${id} is not in the journal`);
  }
  for (const key of options.acknowledged?.idempotencyKeys ?? []) {
    if (!byKey.has(key)) report('acknowledged-present', `no entry carries the acknowledged key "${key}"`);
  }
  for (const key of options.rejectedKeys ?? []) {
    const written = byKey.get(key);
    if (written) {
      report(
        'rejected-wrote-nothing',
        `key "${key}" was refused every time, yet ${written.map((e) => e.id).join(', ')} carry it`,
      );
    }
  }
}
