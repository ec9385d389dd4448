import { createServer, type Server } from 'node:http';
import type { AllotHost } from './allot-host';
import { type Listening, listen, portOf } from './listening';
import { type AllotServer, AUTH_HEADER, MOUNT } from './protocol';

const headerOf = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

async function handlerFor(host: AllotHost) {
  const { createAllotHandler } = await import('@allot/http');
  return createAllotHandler({
    allot: host.allot,
    basePath: MOUNT,
    usageRoutes: true,
    getActor: (request) => host.caller(request.headers.get(AUTH_HEADER) ?? undefined),
    onError: host.onError,
  });
}

/**
 * Allot's API mounted on each framework exactly as the route suite mounts it
 * (http-suite/src/adapters.ts), with `usageRoutes: true`. Each loads only its framework.
 */
export const allotServers: Record<AllotServer, (host: AllotHost) => Promise<Listening>> = {
  async 'node:http'(host) {
    const { toNodeListener } = await import('@allot/http/node');
    return listen(createServer(toNodeListener(await handlerFor(host))));
  },
  async express(host) {
    const [{ default: express }, { createAllotRouter }] = await Promise.all([
      import('express'),
      import('@allot/express'),
    ]);
    const app = express();
    app.use(
      MOUNT,
      createAllotRouter({
        allot: host.allot,
        usageRoutes: true,
        getActor: (req) => host.caller(req.get(AUTH_HEADER)),
        onError: host.onError,
      }),
    );
    return listen(createServer(app));
  },
  async fastify(host) {
    const [{ default: Fastify }, { allotFrameworkErrors, allotPlugin }] = await Promise.all([
      import('fastify'),
      import('@allot/fastify'),
    ]);
    const app = Fastify({ frameworkErrors: allotFrameworkErrors });
    await app.register(allotPlugin, {
      prefix: MOUNT,
      allot: host.allot,
      usageRoutes: true,
      getActor: (request) => host.caller(headerOf(request.headers[AUTH_HEADER])),
      onError: host.onError,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { port: portOf(app.server), close: () => app.close() };
  },
  async hono(host) {
    const [{ Hono }, { createAdaptorServer }] = await Promise.all([
      import('hono'),
      import('@hono/node-server'),
    ]);
    const handler = await handlerFor(host);
    const app = new Hono();
    app.all(MOUNT, (c) => handler(c.req.raw));
    app.all(`${MOUNT}/*`, (c) => handler(c.req.raw));
    return listen(createAdaptorServer({ fetch: app.fetch }) as Server);
  },
};
