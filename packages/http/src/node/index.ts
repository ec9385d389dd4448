import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { AllotHandler } from '../handler';
import { httpProblem } from '../problem';
import { problemResponse } from '../respond';

/**
 * What {@link toWebRequest} may override: the URL path (an adapter's full, unmounted URL) and
 * the body (one a framework has already read).
 *
 * @example
 * ```ts
 * const overrides: NodeRequestOverrides = { url: req.originalUrl, body: JSON.stringify(req.body) };
 * ```
 */
export interface NodeRequestOverrides {
  /** The path and query (`/api/credits/members?limit=5`); default `req.url`. */
  url?: string;
  /** A body already read by the framework, sent as it is; default the request's own stream. */
  body?: string;
}

/** True when a Node request carries a body (a non-zero length, or chunked), as Express decides it. */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * The request body as a Web stream, pulled chunk by chunk. Cancelling it (a body over the limit)
 * drains the rest instead of destroying the request, so the socket lives to carry the answer.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = req[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(new Uint8Array(value as Buffer));
    },
    cancel() {
      req.removeAllListeners('data');
      req.resume();
    },
  });
}

/**
 * A Web `Request` for a Node `IncomingMessage`: same method, URL, headers, and the body as a
 * stream (read only if the handler reads it). GET and HEAD carry no body.
 *
 * @example
 * ```ts
 * const response = await handler(toWebRequest(req));
 * ```
 */
export function toWebRequest(req: IncomingMessage, overrides: NodeRequestOverrides = {}): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = req.method ?? 'GET';
  const canHaveBody = method !== 'GET' && method !== 'HEAD';
  let body: BodyInit | undefined;
  if (canHaveBody && overrides.body !== undefined) {
    body = overrides.body;
    headers.set('content-length', String(Buffer.byteLength(overrides.body)));
  } else if (canHaveBody && hasBody(req)) {
    body = bodyStream(req);
  }
  const host = headers.get('host') ?? 'localhost';
  return new Request(`http://${host}${overrides.url ?? req.url ?? '/'}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body, duplex: 'half' }),
  } as RequestInit);
}

/**
 * Writes a Web `Response` to a Node `ServerResponse`. A body of known length (a Content-Length:
 * every JSON answer) is written whole in one write; any other body (the CSV export) is streamed
 * with backpressure. A body that fails mid-stream destroys the connection, so the client sees a
 * cut-off response, never a complete-looking one; a client that goes away cancels the body.
 *
 * @example
 * ```ts
 * await sendWebResponse(await handler(toWebRequest(req)), res);
 * ```
 */
export async function sendWebResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue;
    res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  if (response.headers.has('content-length')) {
    res.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  try {
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
  } catch {
    res.destroy();
  }
}

/**
 * Serves an Allot handler on Node's `http` (or `https`, or anything taking a
 * `(req, res)` listener).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createAllotHandler } from '@allot/http';
 * import { toNodeListener } from '@allot/http/node';
 *
 * createServer(toNodeListener(createAllotHandler({ allot, getActor }))).listen(3000);
 * ```
 */
export function toNodeListener(handler: AllotHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    serveNode(handler, req, res).catch(() => res.destroy());
  };
}

/**
 * Answers one Node request with an Allot handler: {@link toWebRequest}, the handler, then
 * {@link sendWebResponse}. A GET or HEAD that carries a body is refused with a 400 problem (a Web
 * `Request` cannot carry it, and a body there is a client mistake). `onRequest` sees the `Request`
 * before the handler does (an adapter keeps its own request object beside it).
 *
 * @example
 * ```ts
 * app.use((req, res, next) => void serveNode(handler, req, res, { url: req.originalUrl }).catch(next));
 * ```
 */
export async function serveNode(
  handler: AllotHandler,
  req: IncomingMessage,
  res: ServerResponse,
  overrides: NodeRequestOverrides & { onRequest?: (request: Request) => void } = {},
): Promise<void> {
  if ((req.method === 'GET' || req.method === 'HEAD') && hasBody(req)) {
    req.resume();
    await sendWebResponse(
      problemResponse(httpProblem('bad_request', `A ${req.method} request carries no body.`)),
      res,
    );
    return;
  }
  const request = toWebRequest(req, overrides);
  overrides.onRequest?.(request);
  const response = await handler(request);
  // A body refused unread (too large, not JSON) is still on the wire: close after answering.
  if (!req.complete && hasBody(req)) res.setHeader('connection', 'close');
  await sendWebResponse(response, res);
}
