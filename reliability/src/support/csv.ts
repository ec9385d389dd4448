/**
 * Parses RFC 4180 CSV (quoted fields may hold commas, quotes doubled, CR and LF; records end with
 * CRLF) into rows of cells. Strict: a stray quote in an unquoted field is an error.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
      } else {
        cell += ch;
        i += 1;
      }
      continue;
    }
    if (ch === '"') {
      if (!atCellStart) throw new Error(`stray quote at ${i}`);
      quoted = true;
      atCellStart = false;
      i += 1;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
      atCellStart = true;
      i += 1;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      i += 2;
    } else {
      if (ch === '\r' || ch === '\n') throw new Error(`bare line break outside quotes at ${i}`);
      cell += ch;
      atCellStart = false;
      i += 1;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (!atCellStart || cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
