import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HoldsPage, LedgerPage, MembersPage, Overview, RequestsPage, Summary } from '@allot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDashboard, startDashboard } from '../server/start';

// The dashboard's server without a browser: seeding, the demo session and the Allot API behind it.
let dir: string;
let dashboard: RunningDashboard;
const filename = () => join(dir, 'data', 'allot.sqlite');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'allot-dashboard-server-'));
  dashboard = await startDashboard({ filename: filename(), webDir: join(dir, 'no-web'), port: 0 });
});
afterAll(async () => {
  await dashboard?.close();
  rmSync(dir, { recursive: true, force: true });
});

function as(userId: string) {
  const cookie = `allot_demo_user=${encodeURIComponent(userId)}`;
  return async <T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${dashboard.url}${path}`, {
      ...init,
      headers: { cookie, 'content-type': 'application/json', ...init.headers },
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
}

const admin = as('ada@acme.com');

describe('dashboard server', () => {
  it('seeds one org with 13 members and three periods of history on first start', async () => {
    const members = await admin<MembersPage>('/api/allot/members?limit=100');
    expect(members.body.total).toBe(13);
    expect(members.body.items.filter((m) => m.role === 'admin').map((m) => m.name)).toEqual([
      'Ada Lovelace',
      'Grace Hopper',
    ]);

    const overview = await admin<Overview>('/api/allot/overview');
    expect(overview.body).toMatchObject({ monthlyPool: 60_000, memberCount: 13, pendingRequests: 3 });
    expect(overview.body.used).toBeGreaterThan(0);

    const requests = await admin<RequestsPage>('/api/allot/requests?status=all');
    expect(new Set(requests.body.items.map((r) => r.status))).toEqual(
      new Set(['pending', 'approved', 'rejected', 'cancelled']),
    );

    for (const type of ['usage', 'refund', 'allocation', 'revocation']) {
      const page = await admin<LedgerPage>(`/api/allot/ledger?type=${type}&limit=1`);
      expect(page.body.items, type).toHaveLength(1);
    }
    // Two rollovers per member: the history spans three billing periods.
    const rollovers = await admin<LedgerPage>('/api/allot/ledger?type=rollover&userId=ada%40acme.com');
    expect(rollovers.body.items).toHaveLength(2);
  });

  it('seeds one running job (an active hold) and a member below the low-credit alert', async () => {
    const holds = await admin<HoldsPage>('/api/allot/holds');
    expect(holds.body.items).toHaveLength(1);
    const [hold] = holds.body.items;
    expect(hold).toMatchObject({
      userId: 'liam@acme.com',
      status: 'active',
      description: 'Quarterly report export',
    });
    expect(Date.parse(hold!.expiresAt)).toBeGreaterThan(Date.now() + 3_600_000);

    const members = (await admin<MembersPage>('/api/allot/members?limit=100')).body.items;
    const liam = members.find((m) => m.userId === 'liam@acme.com')!;
    expect(liam.held).toBe(hold!.amount);
    expect(liam.remaining).toBe(liam.allocated - liam.used - liam.held);
    const priya = members.find((m) => m.userId === 'priya@acme.com')!;
    expect(priya.alerts).toContain('remaining_below_percent');
    expect(priya.remaining * 10).toBeLessThan(priya.allocated);

    const overview = (await admin<Overview>('/api/allot/overview')).body;
    expect(overview).toMatchObject({ held: hold!.amount, topUps: 0, pool: 60_000 });
  });

  it('does not seed again on the next start', async () => {
    await dashboard.close();
    dashboard = await startDashboard({ filename: filename(), webDir: join(dir, 'no-web'), port: 0 });
    expect((await admin<MembersPage>('/api/allot/members')).body.total).toBe(13);
    expect((await admin<RequestsPage>('/api/allot/requests?status=all')).body.items).toHaveLength(10);
  });

  it('signs people in by cookie and lists the demo org', async () => {
    const anonymous = await fetch(`${dashboard.url}/api/demo/session`).then((r) => r.json());
    expect(anonymous.user).toBeNull();
    expect((await fetch(`${dashboard.url}/api/allot/me`)).status).toBe(401);

    const signIn = await fetch(`${dashboard.url}/api/demo/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'maya@acme.com' }),
    });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('set-cookie')).toMatch(/^allot_demo_user=maya%40acme.com; Path=\/; HttpOnly/);

    const users = await admin<{ users: { userId: string }[] }>('/api/demo/users');
    expect(users.body.users).toHaveLength(13);
    const session = await as('maya@acme.com')<{ user: { role: string } }>('/api/demo/session');
    expect(session.body.user.role).toBe('member');
  });

  it('enrolls sign-ups with the company domain at zero credits, and refuses others', async () => {
    const outsider = await admin<{ detail: string }>('/api/demo/sign-up', {
      method: 'POST',
      body: JSON.stringify({ name: 'Eve', email: 'eve@acme.com.evil.io' }),
    });
    expect(outsider.status).toBe(422);

    const joined = await admin<{ outcome: string }>('/api/demo/sign-up', {
      method: 'POST',
      body: JSON.stringify({ name: 'Kim Lee', email: 'Kim@ACME.com' }),
    });
    expect(joined.status).toBe(201);
    expect(joined.body.outcome).toBe('enrolled');
    const balance = await as('kim@acme.com')<{ allocated: number }>('/api/allot/me');
    expect(balance.body.allocated).toBe(0);
  });

  it('simulates jobs through holds: captured ones are usage, one keeps running', async () => {
    const before = (await admin<Summary>('/api/allot/ledger/summary')).body;
    const holdsBefore = (await admin<HoldsPage>('/api/allot/holds')).body.items.length;
    const report = await admin<{ usages: number; credits: number; running: number }>(
      '/api/demo/simulate-usage',
      { method: 'POST' },
    );
    expect(report.body.usages).toBeGreaterThan(0);
    expect(report.body.running).toBe(1);
    const after = (await admin<Summary>('/api/allot/ledger/summary')).body;
    expect(after.usage).toBe(before.usage + report.body.credits);
    expect((await admin<HoldsPage>('/api/allot/holds')).body.items).toHaveLength(holdsBefore + 1);
    const captured = await admin<HoldsPage>(`/api/allot/holds?status=captured&limit=100`);
    expect(captured.body.items).toHaveLength(report.body.usages);
    const usages = await admin<LedgerPage>(`/api/allot/ledger?type=usage&limit=${report.body.usages}`);
    expect(usages.body.items.every((e) => e.holdId !== null)).toBe(true);
  });

  it('says how to build the front end when it is missing', async () => {
    const response = await fetch(`${dashboard.url}/overview`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('pnpm --filter dashboard build');
  });
});
