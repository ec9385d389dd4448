import { assignInput, membersInput, removeMemberInput, revokeInput, setRoleInput } from '@allot/core';
import { defineRoute, json, type Route } from '../route';

const userParam = removeMemberInput.pick({ userId: true });

/** The organization overview and member management (admin). */
export const memberRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/overview',
    operationId: 'getOverview',
    summary: "The pool's figures for the current billing period",
    tag: 'Organization',
    access: 'admin',
    idempotencyKey: 'none',
    success: { status: 200, schema: 'Overview', description: 'Pool, members, pending requests and health.' },
    run: ({ allot, actor, orgId }) => allot.overview({ actor, orgId }).map(json(200)),
  }),
  defineRoute({
    method: 'get',
    path: '/members',
    operationId: 'listMembers',
    summary: 'Members with their allocation and usage; search and pagination',
    tag: 'Members',
    access: 'admin',
    idempotencyKey: 'none',
    query: membersInput.pick({ search: true, limit: true, offset: true }),
    success: { status: 200, schema: 'MembersPage', description: 'One page of members.' },
    run: ({ allot, actor, orgId, query }) => allot.members({ ...query, actor, orgId }).map(json(200)),
  }),
  defineRoute({
    method: 'put',
    path: '/members/:userId/allocation',
    operationId: 'assignCredits',
    summary: "Set a member's total allocation",
    tag: 'Members',
    access: 'admin',
    idempotencyKey: 'optional',
    params: userParam,
    body: assignInput.pick({ total: true }),
    success: {
      status: 200,
      schema: 'AllocationResult',
      description: 'The member and the journal entry written.',
    },
    run: ({ allot, actor, orgId, idempotencyKey, params, body }) =>
      allot.assign({ ...params, ...body, actor, orgId, idempotencyKey }).map(json(200)),
  }),
  defineRoute({
    method: 'post',
    path: '/members/:userId/revocations',
    operationId: 'revokeCredits',
    summary: "Take credits back from a member's remaining allocation",
    tag: 'Members',
    access: 'admin',
    idempotencyKey: 'optional',
    params: userParam,
    body: revokeInput.pick({ amount: true }),
    success: {
      status: 200,
      schema: 'AllocationResult',
      description: 'The member and the journal entry written.',
    },
    run: ({ allot, actor, orgId, idempotencyKey, params, body }) =>
      allot.revoke({ ...params, ...body, actor, orgId, idempotencyKey }).map(json(200)),
  }),
  defineRoute({
    method: 'patch',
    path: '/members/:userId',
    operationId: 'setRole',
    summary: "Change a member's role",
    tag: 'Members',
    access: 'admin',
    idempotencyKey: 'optional',
    params: userParam,
    body: setRoleInput.pick({ role: true }),
    success: { status: 200, schema: 'MemberResult', description: 'The member after the change.' },
    run: ({ allot, actor, orgId, idempotencyKey, params, body }) =>
      allot.setRole({ ...params, ...body, actor, orgId, idempotencyKey }).map(json(200)),
  }),
  defineRoute({
    method: 'delete',
    path: '/members/:userId',
    operationId: 'removeMember',
    summary: 'Remove a member; their remaining allocation returns to the pool',
    tag: 'Members',
    access: 'admin',
    idempotencyKey: 'optional',
    params: userParam,
    success: { status: 200, schema: 'MemberResult', description: 'The removed member.' },
    run: ({ allot, actor, orgId, idempotencyKey, params }) =>
      allot.removeMember({ ...params, actor, orgId, idempotencyKey }).map(json(200)),
  }),
];
