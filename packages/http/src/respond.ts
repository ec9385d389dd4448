import { PROBLEM_CONTENT_TYPE, type Problem } from './problem';
import type { Reply } from './route';

const encoder = new TextEncoder();

/** A JSON response, as Express's `res.json` sends it: whole, with its Content-Length. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const bytes = encoder.encode(JSON.stringify(body));
  return new Response(bytes, {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(bytes.byteLength),
      ...headers,
    },
  });
}

/** An RFC 9457 problem response. */
export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return jsonResponse(problem.status, problem, {
    'Content-Type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    ...headers,
  });
}

/**
 * Streams async chunks as a byte stream with backpressure: the next chunk is pulled only when
 * the consumer asks for it (so the store is read no faster than the client reads). A failure
 * mid-stream errors the stream, so the response ends without its last chunk and a client never
 * takes a cut-off export for a complete one; `onError` hears of it.
 */
export function streamOf(
  chunks: AsyncIterable<string>,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await iterator.next();
          if (done) controller.close();
          else controller.enqueue(encoder.encode(value));
        } catch (error) {
          onError(error);
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/** The response for a route's reply. */
export function replyResponse(reply: Reply, onError: (error: unknown) => void): Response {
  if (reply.kind === 'json') return jsonResponse(reply.status, reply.body);
  return new Response(streamOf(reply.chunks, onError), {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${reply.filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
