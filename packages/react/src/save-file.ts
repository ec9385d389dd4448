import type { CsvFile } from './client';

/**
 * Makes the browser download a file (for example the CSV export) under the name the server gave
 * it, through a temporary object URL and link. Browser only.
 *
 * @example
 * ```ts
 * saveFile(await client.exportLedgerCsv({ userId: 'bob', type: ['usage'] }));
 * ```
 */
export function saveFile({ blob, filename }: CsvFile, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Give the browser a moment to start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
