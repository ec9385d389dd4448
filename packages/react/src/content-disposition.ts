/**
 * The file name a `Content-Disposition` header suggests (`filename*=` preferred over
 * `filename=`), or `fallback` when it names none.
 *
 * @example
 * ```ts
 * filenameFrom('attachment; filename="ledger.csv"', 'export.csv'); // 'ledger.csv'
 * ```
 */
export function filenameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
    } catch {
      // A malformed percent-encoding: fall through to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
  const name = plain?.[2]?.replace(/\\(.)/g, '$1') ?? plain?.[1]?.trim();
  return name || fallback;
}
