import { actors, CSV_COLUMNS, createAllot } from '@allot/core';
import { createMemoryStore } from '@allot/memory';
import { parseCsv } from '@allot/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParameters } from '../support/fc-parameters';
import { recordFigures, tally } from '../support/figures';
import { must } from '../support/results';

const FORMULA_START = ['=', '+', '-', '@', '\t', '\r'];
/** Columns Allot fills with numbers it computed itself (a leading minus is a sign, not a formula). */
const NUMERIC = new Set(['amount', 'balance_after']);

const formula = fc
  .tuple(
    fc.constantFrom(...FORMULA_START),
    fc.oneof(
      fc.constantFrom(
        'SUM(A1:A9)',
        'HYPERLINK("http://evil.test","x")',
        "cmd|' /C calc'!A0",
        '1+1',
        '"quoted", comma',
      ),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    ),
  )
  .map(([start, rest]) => `${start}${rest}`);

const text = fc.oneof(formula, fc.string({ unit: 'grapheme', maxLength: 30 }));

describe('CSV export neutralises formulas (round trip through exportCsv)', () => {
  it('no text cell a person or an idempotency key controls starts a formula, and every cell reads back', async () => {
    const started = Date.now();
    const figures = tally();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({ description: text, key: text.filter((k) => k.length > 0 && k.length <= 255) }),
            {
              minLength: 1,
              maxLength: 8,
            },
          ),
          fc.constantFrom('=u1', '+u2', '@u3', '-u4', 'plain'),
          async (usages, userId) => {
            const store = createMemoryStore();
            const allot = createAllot({ store });
            const system = actors.system();
            const org = await must(
              allot.createOrganization({
                actor: system,
                name: '=Org',
                domains: ['csv.test'],
                monthlyPool: 10_000,
                admins: [{ userId: 'admin', email: 'admin@csv.test', name: 'Admin' }],
              }),
            );
            await must(allot.enroll({ actor: system, userId, email: 'who@csv.test', name: '=Name' }));
            await must(allot.assign({ actor: system, orgId: org.id, userId, total: 1000 }));
            const written = new Map<string, { description: string; key: string }>();
            for (const [i, u] of usages.entries()) {
              const key = `${u.key}#${i}`.slice(-255);
              const result = await allot.consume({
                actor: system,
                orgId: org.id,
                userId,
                amount: 1,
                idempotencyKey: key,
                description: u.description.slice(0, 500),
              });
              if (result.isOk())
                written.set(result.value.usage.id, { description: u.description.slice(0, 500), key });
            }
            let csv = '';
            for await (const chunk of await must(allot.exportCsv({ actor: system, orgId: org.id })))
              csv += chunk;
            figures.operations += usages.length + 4;
            figures.faults += usages.length;

            const [header, ...rows] = parseCsv(csv);
            expect(header).toEqual([...CSV_COLUMNS]);
            for (const row of rows) {
              expect(row).toHaveLength(CSV_COLUMNS.length);
              row.forEach((cell, c) => {
                const column = CSV_COLUMNS[c] as string;
                if (NUMERIC.has(column)) expect(cell).toMatch(/^(-?\d+)?$/);
                else
                  expect(FORMULA_START.includes(cell[0] ?? ''), `${column} = ${JSON.stringify(cell)}`).toBe(
                    false,
                  );
              });
              const usage = written.get(row[0] as string);
              if (!usage) continue;
              const cellOf = (name: string) => row[CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number])];
              const neutral = (value: string) =>
                FORMULA_START.includes(value[0] ?? '') ? `'${value}` : value;
              expect(cellOf('description')).toBe(neutral(usage.description));
              expect(cellOf('idempotency_key')).toBe(neutral(usage.key));
              expect(cellOf('user_id')).toBe(neutral(userId));
            }
            expect(rows.filter((r) => written.has(r[0] as string))).toHaveLength(written.size);
            figures.invariantChecks += 1;
          },
        ),
        fcParameters(200),
      );
    } catch (error) {
      figures.failures += 1;
      throw error;
    } finally {
      recordFigures('csv-formulas', 'memory', figures, Date.now() - started);
    }
  });
});
