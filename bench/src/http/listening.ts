import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server listening on 127.0.0.1. */
export interface Listening {
  port: number;
  close(): Promise<void>;
}

/** Listens on a free port of 127.0.0.1 (as the route suite's adapters do). */
export async function listen(server: Server): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The port a Fastify app listens on. */
export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}
