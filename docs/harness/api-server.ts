import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type Allot, actors, createAllot, orThrow } from '@allot/core';
import { createAllotRouter } from '@allot/express';
import { createMemoryStore } from '@allot/memory';
import express from 'express';

/** The API the React guide's components talk to, as a browser page on the same origin would. */
export interface DocsApi {
  allot: Allot;
  orgId: string;
  /** `http://127.0.0.1:<port>`; the router is mounted at `/api/credits`. */
  origin: string;
  close(): Promise<void>;
}

/** The signed-in user, read from the `session` cookie (a stand-in for the host's own sessions). */
function sessionUser(cookie: string | undefined): string | null {
  const match = /(?:^|;\s*)session=([^;]+)/.exec(cookie ?? '');
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/**
 * Starts the organization the React guide describes on a random loopback port: Acme with a pool
 * of 10,000; Ada (admin); Bob (member, 3,000 allocated, 120 used); Cy (member, nothing allocated,
 * one pending request for 500).
 */
export async function startDocsApi(): Promise<DocsApi> {
  const allot = createAllot({ store: createMemoryStore() });
  const system = actors.system();
  const org = await orThrow(
    allot.createOrganization({
      actor: system,
      id: 'acme',
      name: 'Acme',
      domains: ['acme.com'],
      monthlyPool: 10_000,
      admins: [{ userId: 'ada', email: 'ada@acme.com', name: 'Ada' }],
    }),
  );
  await orThrow(allot.enroll({ actor: system, userId: 'bob', email: 'bob@acme.com', name: 'Bob' }));
  await orThrow(allot.enroll({ actor: system, userId: 'cy', email: 'cy@acme.com', name: 'Cy' }));
  const ada = actors.user(org.id, 'ada');
  await orThrow(allot.assign({ actor: ada, userId: 'bob', total: 3_000 }));
  await orThrow(
    allot.consume({
      actor: system,
      orgId: org.id,
      userId: 'bob',
      amount: 120,
      idempotencyKey: 'render-1',
      description: 'Render',
    }),
  );
  await orThrow(allot.submitRequest({ actor: actors.user(org.id, 'cy'), amount: 500, message: 'Q3 report' }));

  const app = express();
  app.use(
    '/api/credits',
    createAllotRouter({
      allot,
      getActor: (req) => {
        const userId = sessionUser(req.headers.cookie);
        return userId ? { orgId: org.id, userId } : null;
      },
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    allot,
    orgId: org.id,
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
