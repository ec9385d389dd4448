import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Allot } from '@allot/core';
import { createAllotRouter } from '@allot/express';
import express from 'express';
import { DEMO_ORG } from './demo-org';
import { demoRoutes } from './demo-routes';
import { sessionUserId } from './session';

/** Options of {@link createDashboardApp}. */
export interface DashboardAppOptions {
  allot: Allot;
  /** The built front end (`vite build`); the app answers with a hint when it is missing. */
  webDir: string;
}

/**
 * The dashboard's Express app: Allot's REST API at `/api/allot` (the caller is whoever the demo
 * session cookie names; admins may also meter and release holds), the demo endpoints at
 * `/api/demo`, and the built React front end.
 */
export function createDashboardApp({ allot, webDir }: DashboardAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    '/api/allot',
    createAllotRouter({
      allot,
      // The hold routes (reserve, capture, release) and /usage, /refunds: admins may meter here.
      usageRoutes: true,
      getActor: (req) => {
        const userId = sessionUserId(req);
        return userId ? { orgId: DEMO_ORG.id, userId } : null;
      },
    }),
  );
  app.use('/api/demo', demoRoutes(allot));
  app.use('/api', (_req, res) => {
    res.status(404).json({ title: 'No such route', status: 404 });
  });

  const index = join(webDir, 'index.html');
  app.use(express.static(webDir, { index: false }));
  // Client-side routes (/overview, /users, …) all load the single-page app.
  app.get('/{*path}', (_req, res) => {
    if (existsSync(index)) return res.sendFile(index);
    res
      .status(503)
      .type('text/plain')
      .send('The front end is not built yet: run `pnpm --filter dashboard build` (or `pnpm demo`).');
  });
  return app;
}

/** Listens on `port` (0 picks a free one) and resolves with the server and its URL. */
export function listen(
  app: express.Express,
  port: number,
  host = '127.0.0.1',
): Promise<{ server: Server; url: string }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address() as AddressInfo;
      resolve({ server, url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}` });
    });
  });
}
