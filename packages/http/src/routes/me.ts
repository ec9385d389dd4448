import { defineRoute, json, type Route } from '../route';
import { ownLedgerQuery, repeatableFilterKeys } from './ledger-query';

/** The caller's own credits. */
export const meRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/me',
    operationId: 'getOwnBalance',
    summary: 'Your allocation, usage and remaining credits this period',
    tag: 'Me',
    access: 'member',
    idempotencyKey: 'none',
    success: { status: 200, schema: 'Balance', description: 'Your balance.' },
    run: ({ allot, actor, orgId }) => allot.balance({ actor, orgId }).map(json(200)),
  }),
  defineRoute({
    method: 'get',
    path: '/me/ledger',
    operationId: 'listOwnLedger',
    summary: 'Your own journal entries, newest first',
    tag: 'Me',
    access: 'member',
    idempotencyKey: 'none',
    query: ownLedgerQuery,
    repeatableQuery: repeatableFilterKeys,
    success: { status: 200, schema: 'LedgerPage', description: 'One page of your journal entries.' },
    run: ({ allot, actor, orgId, userId, query: { cursor, limit, ...filter } }) =>
      allot.ledger({ actor, orgId, filter: { ...filter, userId }, cursor, limit }).map(json(200)),
  }),
];
