import type { BenchConfig } from '../config';
import { type HttpRequest, type HttpRun, runHttpLoad } from './autocannon-load';
import type { ServerTask } from './protocol';
import { startServer } from './run-server';

/** One measurement of one fresh server: the client's figures and the server's CPU. */
export interface ServerRun extends HttpRun {
  /** CPU time the server child used during the measured window, as a share of one core. */
  serverCpu: number;
  /** Server CPU time per answered request, in microseconds. */
  serverMicrosPerRequest: number;
}

/**
 * Starts a server child for `task`, warms it up with the same requests, measures, and stops
 * it: one server per measurement, so nothing one measurement left behind (idempotency keys,
 * journal entries, JIT state) reaches the next.
 */
export async function measureServer(
  task: ServerTask,
  request: HttpRequest,
  config: BenchConfig,
  nodeFlags: string[] = [],
): Promise<ServerRun> {
  const server = await startServer(task, nodeFlags);
  try {
    const load = { port: server.port, connections: config.httpConnections };
    const keyed = (prefix: string): HttpRequest =>
      request.idempotencyPrefix === undefined ? request : { ...request, idempotencyPrefix: prefix };
    await runHttpLoad({ ...load, request: keyed('warm-up'), seconds: config.httpWarmupSeconds });
    const before = await server.cpuMicros();
    const run = await runHttpLoad({ ...load, request: keyed('run'), seconds: config.httpSeconds });
    const micros = (await server.cpuMicros()) - before;
    return {
      ...run,
      serverCpu: micros / 1e6 / run.seconds,
      serverMicrosPerRequest: micros / run.ops,
    };
  } finally {
    await server.stop();
  }
}
