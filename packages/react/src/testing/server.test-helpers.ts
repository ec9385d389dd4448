import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type Allot, actors, createAllot } from '@allot/core';
import { createAllotRouter } from '@allot/express';
import { createMemoryStore } from '@allot/memory';
import express from 'express';
import { type AllotClient, createAllotClient } from '../client';

/** A real Express server on loopback running the Allot router over the memory store. */
export interface TestServer {
  allot: Allot;
  orgId: string;
  baseUrl: string;
  /** A client that acts as this user (sent in the `x-test-user` header the test server trusts). */
  clientFor(userId: string): AllotClient;
  /** Records usage for a member as the host server would. */
  consume(userId: string, amount: number): Promise<void>;
  /** Reserves credits of a member as the host server would; returns the hold's id. */
  reserve(userId: string, amount: number): Promise<string>;
  close(): Promise<void>;
}

function must<T>(result: { isOk(): boolean; _unsafeUnwrap(): T; _unsafeUnwrapErr(): unknown }): T {
  if (!result.isOk()) throw new Error(`test setup failed: ${JSON.stringify(result._unsafeUnwrapErr())}`);
  return result._unsafeUnwrap();
}

/**
 * Starts Acme (pool 1000) with Ada (admin), Bob and Cy (members), Bob holding 300 credits, on a
 * random loopback port, with the metering routes (usage, refunds, holds) on. Every test gets its
 * own server and store. Admins manage the pool (`adminsManagePool`), as in the dashboard, so the
 * settings and top-up hooks can be exercised from the browser side.
 */
export async function startTestServer(): Promise<TestServer> {
  const allot = createAllot({ store: createMemoryStore(), adminsManagePool: true });
  const system = actors.system();
  const org = must(
    await allot.createOrganization({
      actor: system,
      id: 'acme',
      name: 'Acme',
      domains: ['acme.com'],
      monthlyPool: 1000,
      admins: [{ userId: 'ada', email: 'ada@acme.com', name: 'Ada Admin' }],
    }),
  );
  must(await allot.enroll({ actor: system, userId: 'bob', email: 'bob@acme.com', name: 'Bob Builder' }));
  must(await allot.enroll({ actor: system, userId: 'cy', email: 'cy@acme.com', name: 'Cy Coder' }));
  must(await allot.assign({ actor: actors.user(org.id, 'ada'), orgId: org.id, userId: 'bob', total: 300 }));

  const app = express();
  app.use(
    '/api/allot',
    createAllotRouter({
      allot,
      usageRoutes: true,
      getActor: (req) => {
        const userId = req.get('x-test-user');
        return userId ? { orgId: org.id, userId } : null;
      },
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/api/allot`;
  let usage = 0;

  return {
    allot,
    orgId: org.id,
    baseUrl,
    clientFor: (userId) => createAllotClient({ baseUrl, headers: { 'x-test-user': userId } }),
    async consume(userId, amount) {
      usage += 1;
      must(
        await allot.consume({
          actor: system,
          orgId: org.id,
          userId,
          amount,
          idempotencyKey: `usage-${usage}`,
          description: `Job ${usage}`,
        }),
      );
    },
    async reserve(userId, amount) {
      usage += 1;
      const { hold } = must(
        await allot.reserve({
          actor: system,
          orgId: org.id,
          userId,
          amount,
          idempotencyKey: `hold-${usage}`,
          description: `Job ${usage}`,
        }),
      );
      return hold.id;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
