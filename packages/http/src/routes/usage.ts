import { consumeInput, refundInput } from '@allot/core';
import { defineRoute, json, type Route } from '../route';

/**
 * Metering over HTTP, for hosts that meter from another service (`usageRoutes: true`). The core
 * lets only admins (or the system actor) record usage and refunds.
 */
export const usageRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/usage',
    operationId: 'recordUsage',
    summary: "Spend credits from a member's remaining allocation",
    tag: 'Usage',
    access: 'admin',
    idempotencyKey: 'required',
    body: consumeInput.pick({ userId: true, amount: true, description: true, metadata: true }),
    success: {
      status: 201,
      schema: 'ConsumeResult',
      description: 'The usage entry and the member after it.',
    },
    run: ({ allot, actor, orgId, idempotencyKey = '', body }) =>
      allot.consume({ ...body, actor, orgId, idempotencyKey }).map(json(201)),
  }),
  defineRoute({
    method: 'post',
    path: '/refunds',
    operationId: 'refundUsage',
    summary: 'Give back part or all of one usage from the current billing period',
    tag: 'Usage',
    access: 'admin',
    idempotencyKey: 'required',
    body: refundInput.pick({ usageId: true, amount: true, description: true }),
    success: {
      status: 201,
      schema: 'RefundResult',
      description: 'The refund entry and the member after it.',
    },
    run: ({ allot, actor, orgId, idempotencyKey = '', body }) =>
      allot.refund({ ...body, actor, orgId, idempotencyKey }).map(json(201)),
  }),
];
