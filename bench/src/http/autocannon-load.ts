import autocannon from 'autocannon';
import { type RunResult, Samples } from '../harness/load';

/** One HTTP request shape that autocannon repeats. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Give every request its own `Idempotency-Key` (this prefix and a counter). */
  idempotencyPrefix?: string;
}

export interface HttpLoad {
  port: number;
  request: HttpRequest;
  seconds: number;
  connections: number;
}

/** What one autocannon run measured: requests that answered 2xx, their latencies, the client's CPU. */
export interface HttpRun extends RunResult {
  /** CPU time the load generator (this process) used, as a share of one core. */
  clientCpu: number;
}

function requestsOf(request: HttpRequest): autocannon.Request[] {
  const { method, path, headers, body, idempotencyPrefix } = request;
  const base: autocannon.Request = { method, path, headers, ...(body === undefined ? {} : { body }) };
  if (idempotencyPrefix === undefined) return [base];
  let n = 0;
  return [
    {
      ...base,
      setupRequest: (built) => ({
        ...built,
        headers: { ...built.headers, 'idempotency-key': `${idempotencyPrefix}-${n++}` },
      }),
    },
  ];
}

/**
 * Runs autocannon against 127.0.0.1:`port` for `seconds` with `connections` keep-alive
 * connections (no pipelining) and times every response. Throws when any request failed or
 * answered anything but 2xx: a refused request is not a figure.
 */
export async function runHttpLoad({ port, request, seconds, connections }: HttpLoad): Promise<HttpRun> {
  const samples = new Samples();
  const cpu = process.cpuUsage();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections,
        pipelining: 1,
        duration: seconds,
        requests: requestsOf(request),
      },
      (error: unknown, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => samples.push(responseTime));
  });
  const used = process.cpuUsage(cpu);
  const what = `${request.method} ${request.path}`;
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(
      `${what}: ${result.errors} errors, ${result.non2xx} non-2xx answers of ${result.requests.total}`,
    );
  }
  const ops = result['2xx'];
  return {
    ops,
    seconds: result.duration,
    rate: ops / result.duration,
    latencies: samples.toArray(),
    clientCpu: (used.user + used.system) / 1e6 / result.duration,
  };
}
