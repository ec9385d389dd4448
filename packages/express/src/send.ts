import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, type Problem } from './problem';
import type { Reply } from './route';

/** Sends an RFC 9457 problem. */
export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).json(problem);
}

function isPrematureClose(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE';
}

/**
 * Sends a route's reply. CSV is streamed with backpressure: the next chunk is pulled from the
 * store only when the socket has drained. A failure mid-stream ends the connection without the
 * terminating chunk, so a client never mistakes a cut-off export for a complete one.
 */
export async function sendReply(
  req: Request,
  res: Response,
  reply: Reply,
  onError: (error: unknown, req: Request) => void,
): Promise<void> {
  if (reply.kind === 'json') {
    res.status(reply.status).json(reply.body);
    return;
  }
  res.status(200);
  res.set({
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${reply.filename}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  try {
    await pipeline(Readable.from(reply.chunks), res);
  } catch (error) {
    if (!isPrematureClose(error)) onError(error, req);
  }
}
