import { type ConsumeManyResult, consumeInput, consumeManyInput, refundInput } from '@allot/core';
import { problemFromAllotError } from '../problem';
import { defineRoute, json, type Route } from '../route';

/** A batch's outcomes on the wire: each refusal as the problem `POST /usage` would answer with. */
function batchBody({ results }: ConsumeManyResult) {
  return {
    results: results.map((r) =>
      r.ok
        ? r
        : { ok: false as const, idempotencyKey: r.idempotencyKey, error: problemFromAllotError(r.error) },
    ),
  };
}

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
    path: '/usage/batch',
    operationId: 'recordUsageBatch',
    summary: 'Spend credits for up to 1,000 usage events of members in one transaction',
    description:
      'Each event carries its own `idempotencyKey` in the body (no `Idempotency-Key` header): keys are ' +
      'shared with `POST /usage`, and sending the batch again replays each success. The answer is 200 ' +
      'with one result per event, in order: `ok: true` with the usage entry and the member after it, ' +
      'or `ok: false` with the problem that refused that event alone (e.g. `insufficient_credits`). ' +
      'A bad event, more than 1,000 events or one key twice is a 400 naming `events.<index>…`, and ' +
      'nothing is written. Large batches may need a larger `bodyLimit`.',
    tag: 'Usage',
    access: 'admin',
    idempotencyKey: 'none',
    body: consumeManyInput.pick({ events: true }),
    success: {
      status: 200,
      schema: 'ConsumeManyResult',
      description: 'One result per event, in the order of the events.',
    },
    run: ({ allot, actor, orgId, body }) =>
      allot
        .consumeMany({ actor, orgId, ...body })
        .map(batchBody)
        .map(json(200)),
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
