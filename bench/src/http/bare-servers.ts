import { createServer, type Server } from 'node:http';
import { FIXED_BODY } from './fixed-body';
import { type Listening, listen, portOf } from './listening';
import { type Framework, MOUNT } from './protocol';

const PATH = `${MOUNT}/overview`;

/**
 * The baseline of each framework: its own route at the same path answering {@link FIXED_BODY}
 * the framework's usual way (`res.json`, a returned object, `c.json`). Each loads only its framework.
 */
export const bareServers: Record<Framework, () => Promise<Listening>> = {
  'node:http': () =>
    listen(
      createServer((req, res) => {
        if (req.method !== 'GET' || req.url !== PATH) {
          res.statusCode = 404;
          res.end();
          return;
        }
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(FIXED_BODY));
      }),
    ),
  async express() {
    const { default: express } = await import('express');
    const app = express();
    app.get(PATH, (_req, res) => {
      res.json(FIXED_BODY);
    });
    return listen(createServer(app));
  },
  async fastify() {
    const { default: Fastify } = await import('fastify');
    const app = Fastify();
    app.get(PATH, async () => FIXED_BODY);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { port: portOf(app.server), close: () => app.close() };
  },
  async hono() {
    const [{ Hono }, { createAdaptorServer }] = await Promise.all([
      import('hono'),
      import('@hono/node-server'),
    ]);
    const app = new Hono();
    app.get(PATH, (c) => c.json(FIXED_BODY));
    return listen(createAdaptorServer({ fetch: app.fetch }) as Server);
  },
};
