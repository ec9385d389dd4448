import type { AllotEvent } from '@allot/core';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signPayload } from './signature';

/** Where to send events and the secret shared with the receiver. */
export interface WebhookTarget {
  url: string;
  secret: string;
  /** Give up on one delivery attempt after this long (it is retried like any failure). Default 10 s. */
  timeoutMs?: number;
}

/** An `allot.on('*', …)` handler that POSTs each event to a webhook. */
export interface WebhookForwarder {
  (event: AllotEvent): Promise<void>;
  /** Ids of events whose last delivery failed and that wait for their retry. */
  readonly retrying: ReadonlySet<string>;
}

/**
 * Forwards Allot events to a URL: the event as JSON, signed with HMAC-SHA256, its id in the
 * `Allot-Event-Id` header. Anything but a 2xx answer (or a network error, or a timeout) throws,
 * so Allot's dispatcher keeps the event in its outbox and delivers it again later: at least once.
 */
export function createWebhookForwarder(target: WebhookTarget): WebhookForwarder {
  const retrying = new Set<string>();
  const forward = async (event: AllotEvent): Promise<void> => {
    const body = JSON.stringify(event);
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [EVENT_ID_HEADER]: event.id,
          [SIGNATURE_HEADER]: signPayload(target.secret, body),
        },
        body,
        signal: AbortSignal.timeout(target.timeoutMs ?? 10_000),
      });
      // Drain the answer so the connection can be reused.
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`webhook answered ${response.status} for ${event.type} ${event.id}`);
    } catch (error) {
      retrying.add(event.id);
      throw error;
    }
    retrying.delete(event.id);
  };
  return Object.assign(forward, { retrying: retrying as ReadonlySet<string> });
}
