import { holdsInput, requestsInput } from '@allot/core';
import { defineRoute, json, type Route } from '../route';
import { ownLedgerQuery, repeatableFilterKeys } from './ledger-query';

/**
 * The caller's own credits. Every route here is about the signed-in person whatever their role:
 * an admin's `/me/requests` and `/me/holds` are theirs, not the organization's (for those, use
 * `GET /requests` and `GET /holds`). The caller's user id goes to the core as `userId`, so the
 * core's rule for whose rows a read covers decides, as on the list routes.
 */
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
  defineRoute({
    method: 'get',
    path: '/me/requests',
    operationId: 'listOwnRequests',
    summary: 'Your own credit requests, newest first (an admin too sees only theirs)',
    tag: 'Me',
    access: 'member',
    idempotencyKey: 'none',
    query: requestsInput.pick({ status: true, cursor: true, limit: true }),
    success: { status: 200, schema: 'RequestsPage', description: 'One page of your requests.' },
    run: ({ allot, actor, orgId, userId, query }) =>
      allot.requests({ ...query, userId, actor, orgId }).map(json(200)),
  }),
  defineRoute({
    method: 'get',
    path: '/me/holds',
    operationId: 'listOwnHolds',
    summary: 'Your own holds, newest first, active ones by default (an admin too sees only theirs)',
    tag: 'Me',
    access: 'member',
    idempotencyKey: 'none',
    query: holdsInput.pick({ status: true, cursor: true, limit: true }),
    success: { status: 200, schema: 'HoldsPage', description: 'One page of your holds.' },
    run: ({ allot, actor, orgId, userId, query }) =>
      allot.holds({ ...query, userId, actor, orgId }).map(json(200)),
  }),
];
