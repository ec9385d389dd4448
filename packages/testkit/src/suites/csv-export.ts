import { CSV_COLUMNS } from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { parseCsv } from '../harness/csv-parse';
import { collectText } from '../harness/journal';
import type { OrgFixture } from '../harness/org-fixture';
import { ok } from '../harness/results';

const AMOUNT = CSV_COLUMNS.indexOf('amount');
const BALANCE = CSV_COLUMNS.indexOf('balance_after');
const DESCRIPTION = CSV_COLUMNS.indexOf('description');

async function exportRows(
  fx: OrgFixture,
  filter: Parameters<OrgFixture['allot']['exportCsv']>[0]['filter'] = {},
) {
  const text = await collectText(await ok(fx.allot.exportCsv({ actor: fx.admin, orgId: fx.orgId, filter })));
  return { text, rows: parseCsv(text) };
}

/** The CSV export: header, RFC 4180 quoting and formula-injection neutralising. */
export function csvExportSuite(kit: SuiteContext): void {
  describe('CSV export', () => {
    it('starts with the header row and ends every record with CRLF', async () => {
      const fx = await kit.org();
      const { text, rows } = await exportRows(fx);
      expect(text.startsWith(`${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(rows[0]).toEqual([...CSV_COLUMNS]);
    });

    it('has one row per journal entry, newest first, matching the ledger', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 100 });
      await fx.consume(m.userId, 12);
      const { rows } = await exportRows(fx);
      const journal = await fx.journal();
      expect(rows.slice(1).map((r) => r[0])).toEqual(journal.map((e) => e.id));
      expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
      const usage = rows.find((r) => r[CSV_COLUMNS.indexOf('type')] === 'usage')!;
      expect(usage[AMOUNT]).toBe('-12');
      expect(usage[BALANCE]).toBe('88');
      expect(usage[CSV_COLUMNS.indexOf('user_id')]).toBe(m.userId);
    });

    it('an export with no matching entries is just the header', async () => {
      const fx = await kit.org();
      const { rows } = await exportRows(fx, { type: 'refund' });
      expect(rows).toEqual([[...CSV_COLUMNS]]);
    });

    it.each([
      ['a comma', 'render, 4k', '"render, 4k"'],
      ['double quotes', 'the "big" job', '"the ""big"" job"'],
      ['a line feed', 'line one\nline two', '"line one\nline two"'],
      ['a CRLF', 'line one\r\nline two', '"line one\r\nline two"'],
    ])('quotes a cell containing %s (RFC 4180)', async (_label, description, raw) => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 10 });
      await fx.consume(m.userId, 1, description);
      const { text, rows } = await exportRows(fx, { type: 'usage' });
      expect(text).toContain(raw);
      expect(rows).toHaveLength(2);
      expect(rows[1]![DESCRIPTION]).toBe(description);
    });

    it.each([
      ['=', '=HYPERLINK("http://evil")'],
      ['+', '+1+2'],
      ['-', '-2+3'],
      ['@', '@SUM(A1:A9)'],
      ['tab', '\t=1+1'],
      ['CR', '\r=1+1'],
    ])('neutralises a text cell starting with %s against formula injection', async (_label, description) => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 10 });
      await fx.consume(m.userId, 1, description);
      const { rows } = await exportRows(fx, { type: 'usage' });
      expect(rows[1]![DESCRIPTION]).toBe(`'${description}`);
    });

    it('negative numbers stay numbers while text that looks negative is neutralised', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 10 });
      await fx.consume(m.userId, 10, '-10');
      const { rows } = await exportRows(fx, { type: ['usage', 'allocation'] });
      expect(rows.slice(1).map((r) => r[AMOUNT])).toEqual(['-10', '10']);
      expect(rows[1]![DESCRIPTION]).toBe("'-10");
      expect(rows[1]![BALANCE]).toBe('0');
    });

    it('exports only what the filter selects', async () => {
      const fx = await kit.org();
      const a = await fx.member({ allocation: 10 });
      const b = await fx.member({ allocation: 10 });
      await fx.consume(a.userId, 1);
      await fx.consume(b.userId, 2);
      const { rows } = await exportRows(fx, { userId: b.userId, type: 'usage' });
      expect(rows.slice(1).map((r) => [r[CSV_COLUMNS.indexOf('user_id')], r[AMOUNT]])).toEqual([
        [b.userId, '-2'],
      ]);
    });

    it('a member’s export holds only their own entries', async () => {
      const fx = await kit.org();
      const a = await fx.member({ allocation: 10 });
      await fx.member({ allocation: 10 });
      const text = await collectText(await ok(fx.allot.exportCsv({ actor: a.actor, orgId: fx.orgId })));
      const rows = parseCsv(text).slice(1);
      expect(rows.length).toBe((await fx.journal({ userId: a.userId })).length);
      expect(rows.every((r) => r[CSV_COLUMNS.indexOf('user_id')] === a.userId)).toBe(true);
    });

    it('streams a large export completely', async () => {
      const fx = await kit.org({ monthlyPool: 10_000 });
      const m = await fx.member({ allocation: 10_000 });
      for (let i = 0; i < 600; i++) await fx.consume(m.userId, 1, `job ${i}`);
      const chunks: string[] = [];
      for await (const chunk of await ok(
        fx.allot.exportCsv({ actor: fx.admin, orgId: fx.orgId, filter: { type: 'usage' } }),
      )) {
        chunks.push(chunk);
      }
      expect(chunks.length).toBeGreaterThan(1);
      const rows = parseCsv(chunks.join(''));
      expect(rows).toHaveLength(601);
      expect(rows[1]![DESCRIPTION]).toBe('job 599');
    });
  });
}
