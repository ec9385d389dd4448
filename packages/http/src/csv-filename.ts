import type { LedgerFilter } from '@allot/core';

const MAX_NAME = 150;

/** A filename part reduced to `[A-Za-z0-9._-]` so it is safe in a header and on any file system. */
function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** `2026-11-01` for midnight UTC, else `2026-11-01T10-30-00Z`. */
function day(iso: string): string {
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? date : `${date}T${time.replace(/:/g, '-')}Z`;
}

/**
 * The download name of a CSV export, naming its filter:
 * `ledger-user-bob-type-usage-2026-11-01-to-2026-12-01.csv`.
 *
 * @example
 * ```ts
 * csvFilename({ userId: 'bob', type: ['usage'] }); // 'ledger-user-bob-type-usage.csv'
 * ```
 */
export function csvFilename(filter: LedgerFilter): string {
  const parts = ['ledger'];
  if (filter.userId) parts.push('user', filter.userId);
  if (filter.type?.length) parts.push('type', ...filter.type);
  if (filter.from && filter.to) parts.push(day(filter.from), 'to', day(filter.to));
  else if (filter.from) parts.push('from', day(filter.from));
  else if (filter.to) parts.push('to', day(filter.to));
  const name = parts
    .map(safe)
    .join('-')
    .slice(0, MAX_NAME)
    .replace(/^[.-]+|[.-]+$/g, '');
  return `${name || 'ledger'}.csv`;
}
