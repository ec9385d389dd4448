import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AllotEvent, allotEventSchema } from '@allot/core';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, verifySignature } from './signature';

/** Options of {@link startReceiver}. */
export interface ReceiverOptions {
  /** The secret shared with the sender. */
  secret: string;
  /** Answer the first `failFirst` valid deliveries with 503, as an endpoint that is briefly down. */
  failFirst?: number;
  /** 0 (the default) picks a free port. */
  port?: number;
}

/** One HTTP request the receiver answered. */
export interface Delivery {
  /** The `Allot-Event-Id` header (null when missing). */
  eventId: string | null;
  status: number;
  /** A valid delivery of an event already processed (answered 200, not processed again). */
  duplicate: boolean;
}

/** A running webhook receiver. */
export interface WebhookReceiver {
  /** Where to POST events. */
  url: string;
  /** Every event processed, once each, in arrival order. */
  readonly events: readonly AllotEvent[];
  /** Every request answered, in order. */
  readonly deliveries: readonly Delivery[];
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A webhook endpoint on `node:http`, as the host's other service would run it: it verifies the
 * signature over the raw body (401 otherwise), validates the event with `allotEventSchema`
 * (400), and processes each event id once — a redelivery of an event it already handled is
 * acknowledged with 200 and skipped, which is what at-least-once delivery asks of a receiver.
 */
export async function startReceiver(options: ReceiverOptions): Promise<WebhookReceiver> {
  const events: AllotEvent[] = [];
  const deliveries: Delivery[] = [];
  // A real receiver keeps the processed ids in its database, written with the event's effects.
  const processed = new Set<string>();
  let failuresLeft = options.failFirst ?? 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const eventId = req.headers[EVENT_ID_HEADER.toLowerCase()];
    const delivery: Delivery = {
      eventId: typeof eventId === 'string' ? eventId : null,
      status: 500,
      duplicate: false,
    };
    const answer = (status: number, body: Record<string, unknown>) => {
      delivery.status = status;
      deliveries.push(delivery);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };

    if (req.method !== 'POST' || req.url !== '/webhooks/allot') return answer(404, { error: 'not found' });
    const body = await readBody(req);
    if (body === null) return answer(413, { error: 'body too large' });
    const signature = req.headers[SIGNATURE_HEADER.toLowerCase()];
    if (!verifySignature(options.secret, body, typeof signature === 'string' ? signature : undefined)) {
      return answer(401, { error: 'bad signature' });
    }
    const parsed = allotEventSchema.safeParse(parseJson(body));
    if (!parsed.success) return answer(400, { error: 'not an Allot event', issues: parsed.error.issues });
    const event = parsed.data;
    if (event.id !== delivery.eventId)
      return answer(400, { error: 'Allot-Event-Id does not match the body' });

    if (failuresLeft > 0) {
      failuresLeft -= 1;
      return answer(503, { error: 'temporarily unavailable' });
    }
    if (processed.has(event.id)) {
      delivery.duplicate = true;
      return answer(200, { ok: true, duplicate: true });
    }
    processed.add(event.id);
    events.push(event);
    answer(200, { ok: true });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/allot`,
    events,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
