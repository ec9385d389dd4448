import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AllotHandler } from '@allot/http';
import { sendWebResponse, serveNode, toWebRequest } from '@allot/http/node';

const hasBody = (req: IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/**
 * The fix proposed for `@allot/http/node` (see findings.md), measured beside the real one: a
 * JSON answer (every answer but the CSV export) is read whole and written with one `res.end`
 * and a Content-Length, instead of `pipeline(Readable.fromWeb(body), res)` with chunked
 * encoding. Everything else is `toNodeListener` as it is.
 */
export function proposedNodeListener(
  handler: AllotHandler,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    serve(handler, req, res).catch(() => res.destroy());
  };
}

async function serve(handler: AllotHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if ((req.method === 'GET' || req.method === 'HEAD') && hasBody(req)) return serveNode(handler, req, res);
  const response = await handler(toWebRequest(req));
  if (!req.complete && hasBody(req)) res.setHeader('connection', 'close');
  if (!response.body || !/json/.test(response.headers.get('content-type') ?? '')) {
    return sendWebResponse(response, res);
  }
  const body = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.setHeader('content-length', body.byteLength);
  res.end(body);
}
