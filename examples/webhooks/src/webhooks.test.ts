import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoReport, runDemo } from './demo';
import { startReceiver, type WebhookReceiver } from './receiver';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signPayload, verifySignature } from './signature';

describe('the webhook demo', () => {
  let report: DemoReport;
  const lines: string[] = [];
  beforeAll(async () => {
    report = await runDemo((line) => lines.push(line));
  });

  it('delivers every journal entry exactly once after deduplication', () => {
    const ids = report.received.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const entries = report.received.flatMap((e) => (e.type === 'journal.entry' ? [e.entry.id] : []));
    expect(entries.sort()).toEqual(report.journal.map((e) => e.id).sort());
    expect(report.journal.map((e) => e.type)).toEqual(
      expect.arrayContaining(['organization_created', 'hold', 'hold_released', 'usage', 'top_up']),
    );
  });

  it('redelivers the failed first delivery with the same event id', () => {
    const [first] = report.deliveries;
    expect(first?.status).toBe(503);
    expect(first?.eventId).toBeTruthy();
    const later = report.deliveries.slice(1).filter((d) => d.eventId === first?.eventId);
    expect(later.map((d) => d.status)).toContain(200);
    expect(report.received.some((e) => e.id === first?.eventId)).toBe(true);
    expect(lines.join('\n')).toContain('redelivered with the same id and accepted');
  });

  it('forwards the member alert', () => {
    const alerts = report.received.filter((e) => e.type === 'alert.triggered');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      alert: { scope: 'member', userId: 'bob', threshold: 'remaining_below_percent', remaining: 60 },
    });
  });
});

describe('the receiver', () => {
  const secret = 'test-secret';
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startReceiver({ secret });
  });
  afterAll(() => receiver.close());

  const event = {
    id: '0194f0c2-7a3b-7c1d-9e2f-3a4b5c6d7e8f',
    type: 'alert.recovered',
    orgId: 'acme',
    at: '2026-11-25T10:00:00.000Z',
    alert: { scope: 'pool', threshold: 'yellow', limit: 70, usagePercent: 65, used: 6500, pool: 10_000 },
  };
  const body = JSON.stringify(event);
  const post = (headers: Record<string, string>, payload = body) =>
    fetch(receiver.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: payload,
    });

  it('refuses a bad or missing signature with 401', async () => {
    const wrongSecret = await post({
      [EVENT_ID_HEADER]: event.id,
      [SIGNATURE_HEADER]: signPayload('other', body),
    });
    expect(wrongSecret.status).toBe(401);
    const tampered = await post(
      { [EVENT_ID_HEADER]: event.id, [SIGNATURE_HEADER]: signPayload(secret, body) },
      body.replace('6500', '9500'),
    );
    expect(tampered.status).toBe(401);
    expect((await post({ [EVENT_ID_HEADER]: event.id })).status).toBe(401);
    expect(receiver.events).toHaveLength(0);
  });

  it('refuses a stale signature', () => {
    const old = signPayload(secret, body, new Date(Date.now() - 10 * 60_000));
    expect(verifySignature(secret, body, old)).toBe(false);
    expect(verifySignature(secret, body, signPayload(secret, body))).toBe(true);
  });

  it('validates the body as an Allot event', async () => {
    const junk = JSON.stringify({ ...event, type: 'alert.exploded' });
    const response = await post(
      { [EVENT_ID_HEADER]: event.id, [SIGNATURE_HEADER]: signPayload(secret, junk) },
      junk,
    );
    expect(response.status).toBe(400);
  });

  it('processes an event once and acknowledges the redelivery', async () => {
    const headers = () => ({ [EVENT_ID_HEADER]: event.id, [SIGNATURE_HEADER]: signPayload(secret, body) });
    expect((await post(headers())).status).toBe(200);
    const again = await post(headers());
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    expect(receiver.events.map((e) => e.id)).toEqual([event.id]);
  });
});
