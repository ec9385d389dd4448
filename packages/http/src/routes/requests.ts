import {
  approveRequestInput,
  cancelRequestInput,
  rejectRequestInput,
  requestsInput,
  submitRequestInput,
} from '@allot/core';
import { z } from 'zod';
import { defineRoute, json, type Route } from '../route';

/** `:id` in the path is the core's `requestId`. */
const requestParam = z.object({ id: cancelRequestInput.shape.requestId });

/** Credit requests: members ask, admins decide. */
export const requestRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/requests',
    operationId: 'listRequests',
    summary: 'Credit requests, newest first (admins: all; members: their own)',
    tag: 'Requests',
    access: 'member',
    idempotencyKey: 'none',
    query: requestsInput.pick({ status: true, userId: true, cursor: true, limit: true }),
    success: { status: 200, schema: 'RequestsPage', description: 'One page of requests.' },
    run: ({ allot, actor, orgId, query }) => allot.requests({ ...query, actor, orgId }).map(json(200)),
  }),
  defineRoute({
    method: 'post',
    path: '/requests',
    operationId: 'submitRequest',
    summary: 'Ask the admins for more credits',
    tag: 'Requests',
    access: 'member',
    idempotencyKey: 'optional',
    body: submitRequestInput.pick({ amount: true, message: true }),
    success: { status: 201, schema: 'CreditRequest', description: 'The pending request.' },
    run: ({ allot, actor, orgId, idempotencyKey, body }) =>
      allot.submitRequest({ ...body, actor, orgId, idempotencyKey }).map(json(201)),
  }),
  defineRoute({
    method: 'post',
    path: '/requests/:id/approve',
    operationId: 'approveRequest',
    summary: 'Approve a pending request (optionally for less); the credits are allocated at once',
    tag: 'Requests',
    access: 'admin',
    idempotencyKey: 'optional',
    params: requestParam,
    body: approveRequestInput.pick({ amount: true }),
    success: {
      status: 200,
      schema: 'ApprovalResult',
      description: 'The request, the member and the allocation.',
    },
    run: ({ allot, actor, orgId, idempotencyKey, params, body }) =>
      allot.approveRequest({ ...body, requestId: params.id, actor, orgId, idempotencyKey }).map(json(200)),
  }),
  defineRoute({
    method: 'post',
    path: '/requests/:id/reject',
    operationId: 'rejectRequest',
    summary: 'Reject a pending request',
    tag: 'Requests',
    access: 'admin',
    idempotencyKey: 'optional',
    params: requestParam,
    body: rejectRequestInput.pick({ reason: true }),
    success: { status: 200, schema: 'CreditRequest', description: 'The rejected request.' },
    run: ({ allot, actor, orgId, idempotencyKey, params, body }) =>
      allot.rejectRequest({ ...body, requestId: params.id, actor, orgId, idempotencyKey }).map(json(200)),
  }),
  defineRoute({
    method: 'post',
    path: '/requests/:id/cancel',
    operationId: 'cancelRequest',
    summary: 'Withdraw your own pending request',
    tag: 'Requests',
    access: 'member',
    idempotencyKey: 'optional',
    params: requestParam,
    success: { status: 200, schema: 'CreditRequest', description: 'The cancelled request.' },
    run: ({ allot, actor, orgId, idempotencyKey, params }) =>
      allot.cancelRequest({ requestId: params.id, actor, orgId, idempotencyKey }).map(json(200)),
  }),
];
