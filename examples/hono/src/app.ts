import type { Allot } from '@allot/core';
import { createAllotHandler } from '@allot/http';
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';

/** The host's sessions: a bearer token per signed-in person (a real app looks them up). */
export type Sessions = Record<string, { orgId: string; userId: string }>;

/**
 * A Hono app with its own routes, and Allot's REST API under `/api/credits`: Hono checks the
 * bearer token, and the handler learns who is calling from the app's context.
 */
export function createApp(allot: Allot, sessions: Sessions): Hono {
  const credits = createAllotHandler({
    allot,
    basePath: '/api/credits',
    getActor: (request) =>
      sessions[request.headers.get('authorization')?.slice('Bearer '.length) ?? ''] ?? null,
  });
  const app = new Hono();
  app.get('/health', (c) => c.json({ ok: true }));
  app.use('/api/credits/*', bearerAuth({ verifyToken: (token) => token in sessions }));
  app.all('/api/credits/*', (c) => credits(c.req.raw));
  return app;
}
