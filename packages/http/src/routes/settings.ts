import { updateSettingsInput } from '@allot/core';
import { defineRoute, json, type Route } from '../route';

/** The organization's settings (admin). */
export const settingsRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/settings',
    operationId: 'getSettings',
    summary: "The organization's settings",
    tag: 'Organization',
    access: 'admin',
    idempotencyKey: 'none',
    success: { status: 200, schema: 'Organization', description: 'The settings.' },
    run: ({ allot, actor, orgId }) => allot.getSettings({ actor, orgId }).map(json(200)),
  }),
  defineRoute({
    method: 'patch',
    path: '/settings',
    operationId: 'updateSettings',
    summary: 'Change some settings; fields left out stay as they are',
    tag: 'Organization',
    access: 'admin',
    idempotencyKey: 'optional',
    body: updateSettingsInput.omit({ orgId: true, idempotencyKey: true }),
    success: { status: 200, schema: 'Organization', description: 'The settings after the change.' },
    run: ({ allot, actor, orgId, idempotencyKey, body }) =>
      allot.updateSettings({ ...body, actor, orgId, idempotencyKey }).map(json(200)),
  }),
];
