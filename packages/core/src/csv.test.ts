import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvHeader, csvRow, neutraliseCell, toCsv } from './csv';
import type { JournalEntry } from './schemas/records';

function entry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id: 'e1',
    orgId: 'org-1',
    seq: 1,
    at: '2026-11-25T10:00:00.000Z',
    userId: 'bob',
    type: 'usage',
    amount: -30,
    balanceAfter: 70,
    description: 'Render',
    actor: 'system',
    requestId: null,
    usageId: null,
    holdId: null,
    idempotencyKey: 'job-1',
    metadata: null,
    hash: 'test-hash',
    ...overrides,
  };
}

/** A minimal RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) throw new Error(`unterminated record in ${JSON.stringify(text)}`);
  return rows;
}

async function* from(entries: JournalEntry[]): AsyncIterable<JournalEntry> {
  yield* entries;
}

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe('csvHeader', () => {
  it('lists the columns in order and ends with CRLF', () => {
    expect(csvHeader()).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    expect(CSV_COLUMNS[0]).toBe('id');
    expect(CSV_COLUMNS).toContain('balance_after');
  });
});

describe('csvRow', () => {
  it('writes one record per entry ending with CRLF, nulls as empty cells', () => {
    expect(csvRow(entry())).toBe('e1,2026-11-25T10:00:00.000Z,bob,usage,-30,70,Render,system,,,,job-1\r\n');
  });

  it('writes org-level entries (no user, no balance) with empty cells', () => {
    const row = parseCsv(csvRow(entry({ userId: null, balanceAfter: null, idempotencyKey: null })))[0];
    expect(row?.[2]).toBe('');
    expect(row?.[5]).toBe('');
    expect(row?.[10]).toBe('');
    expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it('quotes a cell with a comma', () => {
    const line = csvRow(entry({ description: 'a, b' }));
    expect(line).toContain('"a, b"');
    expect(parseCsv(line)[0]?.[6]).toBe('a, b');
  });

  it('doubles double quotes inside a quoted cell', () => {
    const line = csvRow(entry({ description: 'say "hi"' }));
    expect(line).toContain('"say ""hi"""');
    expect(parseCsv(line)[0]?.[6]).toBe('say "hi"');
  });

  it.each([
    ['CRLF', 'line 1\r\nline 2'],
    ['LF', 'line 1\nline 2'],
    ['CR', 'line 1\rline 2'],
  ])('quotes a cell containing %s so the record stays one record', (_label, description) => {
    const rows = parseCsv(csvRow(entry({ description })));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[6]).toBe(description);
  });

  it('keeps leading and trailing spaces by quoting', () => {
    expect(parseCsv(csvRow(entry({ description: ' padded ' })))[0]?.[6]).toBe(' padded ');
  });

  it.each(['=SUM(A1:A9)', '+1+2', '-2+3', '@cmd', '\tTAB', '\rCR'])(
    'neutralises a text cell starting %j',
    (text) => {
      const cell = parseCsv(csvRow(entry({ description: text })))[0]?.[6];
      expect(cell).toBe(`'${text}`);
    },
  );

  it('neutralises dangerous ids, actors and keys chosen by the host too', () => {
    const row = parseCsv(csvRow(entry({ userId: '=evil', actor: '@x', idempotencyKey: '+k' })))[0];
    expect(row?.[2]).toBe("'=evil");
    expect(row?.[7]).toBe("'@x");
    expect(row?.[11]).toBe("'+k");
  });

  it('leaves negative numbers written as numbers alone', () => {
    const row = parseCsv(csvRow(entry({ amount: -500, balanceAfter: -1 })))[0];
    expect(row?.[4]).toBe('-500');
    expect(row?.[5]).toBe('-1');
  });
});

describe('neutraliseCell', () => {
  it('prefixes a single quote only to formula starts', () => {
    expect(neutraliseCell('=1')).toBe("'=1");
    expect(neutraliseCell('plain = text')).toBe('plain = text');
    expect(neutraliseCell('')).toBe('');
    expect(neutraliseCell("'already")).toBe("'already");
  });
});

describe('toCsv', () => {
  it.each([0, 1, 256, 1000])('yields the header and all rows for %i entries', async (count) => {
    const entries = Array.from({ length: count }, (_, i) => entry({ id: `e${i}` }));
    const chunks = await collect(toCsv(from(entries)));
    expect(chunks[0]).toBe(csvHeader());
    const rows = parseCsv(chunks.join(''));
    expect(rows).toHaveLength(count + 1);
    expect(rows.slice(1).map((r) => r[0])).toEqual(entries.map((e) => e.id));
  });

  it('batches rows: 1000 entries at 256 a batch is a header and 4 chunks', async () => {
    const entries = Array.from({ length: 1000 }, (_, i) => entry({ id: `e${i}` }));
    const chunks = await collect(toCsv(from(entries)));
    expect(chunks).toHaveLength(5);
    expect(parseCsv(chunks[1] ?? '')).toHaveLength(256);
    expect(parseCsv(chunks[4] ?? '')).toHaveLength(1000 - 3 * 256);
  });

  it('yields only the header for no entries, and no empty chunk', async () => {
    expect(await collect(toCsv(from([])))).toEqual([csvHeader()]);
    const exact = await collect(toCsv(from([entry(), entry()]), 2));
    expect(exact).toHaveLength(2);
    expect(exact.every((c) => c.length > 0)).toBe(true);
  });
});
