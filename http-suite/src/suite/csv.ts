import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { actors, CSV_COLUMNS } from '@allot/core';
import { responseSchemas as s } from '@allot/http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MOUNT } from '../adapters';
import { createHarness, type Harness, type SuiteTarget } from './harness';

const HEADER_ROW = CSV_COLUMNS.join(',');

function rows(text: string): string[][] {
  return text
    .split('\r\n')
    .filter((line) => line.length > 0)
    .slice(1)
    .map((line) => line.split(','));
}

/** `GET /ledger.csv`: headers, content, scoping and streaming. */
export function csvTests(target: SuiteTarget): void {
  describe('GET /ledger.csv', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await createHarness(target);
    });
    afterEach(() => h.close());

    it('sends an attachment named after the filter, in the ledger’s order', async () => {
      const query = 'userId=bob&type=usage&type=allocation&from=2026-11-01&to=2026-12-01';
      const res = await h.as('ada').get(`/ledger.csv?${query}`).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="ledger-user-bob-type-usage-allocation-2026-11-01-to-2026-12-01.csv"',
      );
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text.split('\r\n')[0]).toBe(HEADER_ROW);
      const page = s.LedgerPage.parse((await h.as('ada').get(`/ledger?${query}`)).body);
      expect(page.items.length).toBe(2);
      expect(rows(res.text).map((r) => [r[0], r[3], r[4]])).toEqual(
        page.items.map((e) => [e.id, e.type, String(e.amount)]),
      );
    });

    it('names an unfiltered export ledger.csv and a dated one with its times', async () => {
      const all = await h.as('ada').get('/ledger.csv').expect(200);
      expect(all.headers['content-disposition']).toBe('attachment; filename="ledger.csv"');
      const from = await h.as('ada').get('/ledger.csv?from=2026-11-02T09:30:00%2B02:00').expect(200);
      expect(from.headers['content-disposition']).toBe(
        'attachment; filename="ledger-from-2026-11-02T07-30-00Z.csv"',
      );
    });

    it('sanitises the filename', async () => {
      const userId = encodeURIComponent('bo"b/../\r\nx;é');
      const res = await h.as('ada').get(`/ledger.csv?userId=${userId}`).expect(200);
      expect(res.headers['content-disposition']).toBe('attachment; filename="ledger-user-bo_b_.._x_.csv"');
      expect(res.text).toBe(`${HEADER_ROW}\r\n`);
    });

    it('gives a member only their own rows', async () => {
      const res = await h.as('cy').get('/ledger.csv').expect(200);
      const ids = rows(res.text).map((r) => r[2]);
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids)).toEqual(new Set(['cy']));
    });

    it('neutralises cells a spreadsheet would run as a formula', async () => {
      await h
        .as('ada')
        .post('/usage')
        .set('Idempotency-Key', 'evil')
        .send({ userId: 'cy', amount: 1, description: '=HYPERLINK("http://evil.io","x")' })
        .expect(201);
      const res = await h.as('ada').get('/ledger.csv?type=usage&userId=cy').expect(200);
      expect(res.text).toContain(`"'=HYPERLINK(""http://evil.io"",""x"")"`);
    });

    it('streams a large export completely, in several chunks', async () => {
      const system = actors.system();
      for (let i = 0; i < 700; i++) {
        const result = await h.allot.consume({
          actor: system,
          orgId: 'acme',
          userId: 'cy',
          amount: 1,
          idempotencyKey: `bulk-${i}`,
        });
        expect(result.isOk()).toBe(true);
      }
      const res = await h.as('ada').get('/ledger.csv?type=usage&userId=cy').expect(200);
      expect(res.headers['transfer-encoding']).toBe('chunked');
      expect(rows(res.text)).toHaveLength(700);
    });

    it('survives a client that hangs up mid-download', async () => {
      const system = actors.system();
      for (let i = 0; i < 300; i++) {
        await h.allot.consume({
          actor: system,
          orgId: 'acme',
          userId: 'cy',
          amount: 1,
          idempotencyKey: `bulk-${i}`,
        });
      }
      const { port } = h.server.address() as AddressInfo;
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(
          { port, host: '127.0.0.1', path: `${MOUNT}/ledger.csv`, headers: { 'x-user': 'acme:ada' } },
          (res) => {
            res.once('data', () => {
              req.destroy();
              resolve();
            });
          },
        );
        req.on('error', (error) =>
          (error as { code?: string }).code === 'ECONNRESET' ? resolve() : reject(error),
        );
        req.end();
      });
      expect((await h.as('ada').get('/overview')).status).toBe(200);
      expect(h.errorsReported).toEqual([]);
    });
  });
}
