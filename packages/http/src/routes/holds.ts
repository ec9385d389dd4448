import { captureInput, holdsInput, releaseInput, reserveInput } from '@allot/core';
import { defineRoute, json, type Route } from '../route';

const holdParam = captureInput.pick({ holdId: true });

/** Reading holds: admins see every member's, members their own (always served). */
export const holdReadRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/holds',
    operationId: 'listHolds',
    summary: 'Holds, newest first, active ones by default (admins: all; members: their own)',
    tag: 'Holds',
    access: 'member',
    idempotencyKey: 'none',
    query: holdsInput.pick({ status: true, userId: true, cursor: true, limit: true }),
    success: { status: 200, schema: 'HoldsPage', description: 'One page of holds.' },
    run: ({ allot, actor, orgId, query }) => allot.holds({ ...query, actor, orgId }).map(json(200)),
  }),
];

/**
 * Reserving credits over HTTP, for hosts that meter from another service (`usageRoutes: true`,
 * like `POST /usage`). The core lets only admins (or the system actor) reserve, capture and release.
 */
export const holdCommandRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/holds',
    operationId: 'reserveCredits',
    summary: "Reserve credits from a member's remaining allocation until captured, released or expired",
    tag: 'Holds',
    access: 'admin',
    idempotencyKey: 'required',
    body: reserveInput.pick({
      userId: true,
      amount: true,
      ttlSeconds: true,
      description: true,
      metadata: true,
    }),
    success: { status: 201, schema: 'HoldResult', description: 'The active hold and the member after it.' },
    run: ({ allot, actor, orgId, idempotencyKey = '', body }) =>
      allot.reserve({ ...body, actor, orgId, idempotencyKey }).map(json(201)),
  }),
  defineRoute({
    method: 'post',
    path: '/holds/:holdId/capture',
    operationId: 'captureHold',
    summary: 'Turn an active hold into usage (all of it, or less); the rest returns to the member',
    tag: 'Holds',
    access: 'admin',
    idempotencyKey: 'required',
    params: holdParam,
    body: captureInput.pick({ amount: true, description: true }),
    success: {
      status: 200,
      schema: 'CaptureResult',
      description: 'The captured hold, the usage entry and the member after it.',
    },
    run: ({ allot, actor, orgId, idempotencyKey = '', params, body }) =>
      allot.capture({ ...params, ...body, actor, orgId, idempotencyKey }).map(json(200)),
  }),
  defineRoute({
    method: 'post',
    path: '/holds/:holdId/release',
    operationId: 'releaseHold',
    summary: "Return an active hold's credits to the member",
    tag: 'Holds',
    access: 'admin',
    idempotencyKey: 'optional',
    params: releaseInput.pick({ holdId: true }),
    success: { status: 200, schema: 'HoldResult', description: 'The released hold and the member after it.' },
    run: ({ allot, actor, orgId, idempotencyKey, params }) =>
      allot.release({ ...params, actor, orgId, idempotencyKey }).map(json(200)),
  }),
];
