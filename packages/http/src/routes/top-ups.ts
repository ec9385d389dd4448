import { topUpInput } from '@allot/core';
import { defineRoute, json, type Route } from '../route';

/** Adding credits to the current billing period's pool (admin). */
export const topUpRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/top-ups',
    operationId: 'topUpPool',
    summary: "Add credits to this billing period's pool (on top of the monthly pool)",
    tag: 'Organization',
    access: 'admin',
    idempotencyKey: 'optional',
    body: topUpInput.pick({ amount: true, reason: true }),
    success: {
      status: 201,
      schema: 'TopUpResult',
      description: "The top_up journal entry, this period's top-ups and its pool after it.",
    },
    run: ({ allot, actor, orgId, idempotencyKey, body }) =>
      allot.topUp({ ...body, actor, orgId, idempotencyKey }).map(json(201)),
  }),
];
