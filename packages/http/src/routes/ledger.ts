import { csvFilename } from '../csv-filename';
import { defineRoute, json, type Route } from '../route';
import { filterQuery, ledgerQuery, repeatableFilterKeys } from './ledger-query';

/** The journal: pages, totals and the CSV export (admins: everyone; members: their own entries). */
export const ledgerRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/ledger',
    operationId: 'listLedger',
    summary: 'Journal entries, newest first, with cursor paging',
    tag: 'Ledger',
    access: 'member',
    idempotencyKey: 'none',
    query: ledgerQuery,
    repeatableQuery: repeatableFilterKeys,
    success: { status: 200, schema: 'LedgerPage', description: 'One page of journal entries.' },
    run: ({ allot, actor, orgId, query: { cursor, limit, ...filter } }) =>
      allot.ledger({ actor, orgId, filter, cursor, limit }).map(json(200)),
  }),
  defineRoute({
    method: 'get',
    path: '/ledger/summary',
    operationId: 'summarizeLedger',
    summary: 'Credits used, allocated, revoked and refunded over a filter',
    tag: 'Ledger',
    access: 'member',
    idempotencyKey: 'none',
    query: filterQuery,
    repeatableQuery: repeatableFilterKeys,
    success: { status: 200, schema: 'Summary', description: 'The totals.' },
    run: ({ allot, actor, orgId, query }) => allot.summary({ actor, orgId, filter: query }).map(json(200)),
  }),
  defineRoute({
    method: 'get',
    path: '/ledger.csv',
    operationId: 'exportLedgerCsv',
    summary: 'The journal over a filter as a CSV download, streamed',
    tag: 'Ledger',
    access: 'member',
    idempotencyKey: 'none',
    query: filterQuery,
    repeatableQuery: repeatableFilterKeys,
    success: {
      status: 200,
      schema: 'LedgerCsv',
      mediaType: 'text/csv',
      description: 'RFC 4180 CSV with a header row; sent as an attachment named after the filter.',
    },
    run: ({ allot, actor, orgId, query }) =>
      allot
        .exportCsv({ actor, orgId, filter: query })
        .map((chunks) => ({ kind: 'csv' as const, filename: csvFilename(query), chunks })),
  }),
];
