/**
 * A strict RFC 4180 reader for checking the export: fields separated by commas, records by
 * CRLF, quoted fields may hold commas, CR, LF and doubled quotes. Throws on malformed input.
 *
 * @example
 * ```ts
 * let csv = '';
 * for await (const chunk of await orThrow(allot.exportCsv({ actor, orgId }))) csv += chunk;
 * const [header, ...rows] = parseCsv(csv); // what a spreadsheet would see
 * ```
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\r')
          throw new Error(`Stray character after quote at ${i}`);
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"') {
      if (field !== '') throw new Error(`Quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`Bare CR at ${i}`);
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (ch === '\n') {
      throw new Error(`Bare LF at ${i}: records must end with CRLF`);
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new Error('Unterminated quoted field');
  if (field !== '' || row.length > 0) throw new Error('The last record does not end with CRLF');
  return rows;
}
