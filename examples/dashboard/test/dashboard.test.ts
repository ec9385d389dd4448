import { readFileSync } from 'node:fs';
import type { HoldResult, HoldsPage, RequestsPage } from '@allot/core';
import { parseCsv } from '@allot/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, parseCredits, startE2E } from './harness';

// End-to-end: the built dashboard in Debian Chromium, against the real server on a fresh SQLite file.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 120_000);
afterAll(async () => {
  await e2e?.close();
});

const ADA = 'ada@acme.com';
/** The second admin: the seed gives her no requests and no holds of her own. */
const GRACE = 'grace@acme.com';
const ELENA = 'elena@acme.com';
const MAYA = 'maya@acme.com';
/** The seed leaves a job of Liam's running (an active hold) and Priya below her low-credit alert. */
const LIAM = 'liam@acme.com';
const PRIYA = 'priya@acme.com';

function memberRow(page: Page, userId: string) {
  return page.locator(`[data-testid="member-row"][data-user-id="${userId}"]`);
}

async function unallocated(page: Page): Promise<number> {
  const hint = await page.getByTestId('stat-pool').locator('.stat-hint').textContent();
  const match = /·\s*([\d,]+) unallocated/.exec(hint ?? '');
  return parseCredits(match?.[1] ?? null);
}

/** A figure once its card has loaded: a card still loading shows '…', which reads as NaN. */
async function loaded(read: () => Promise<number>): Promise<number> {
  await expect.poll(read).not.toBeNaN();
  return read();
}

async function pendingCount(page: Page): Promise<number> {
  const badge = page.getByTestId('pending-badge');
  return (await badge.count()) === 0
    ? 0
    : parseCredits((await badge.textContent())?.replace(' pending', '') ?? '0');
}

async function firstRowDate(page: Page): Promise<string> {
  await expect.poll(() => page.getByTestId('ledger-page').textContent()).toBe('Page 1');
  const first = page.getByTestId('ledger-row').first();
  await first.waitFor();
  return (await first.getAttribute('data-at')) ?? '';
}

describe('admin dashboard in Chromium', () => {
  it('an admin assigns credits and the table and the overview update', async () => {
    const { context, page } = await e2e.signedIn(ADA);
    await page.getByTestId('page-overview').waitFor();
    await expect(page.getByTestId('stat-pool-value').textContent()).resolves.toBe('60,000');
    const before = await unallocated(page);
    expect(before).toBeGreaterThan(1000);

    await page.getByTestId('nav-users').click();
    const row = memberRow(page, 'lucas@acme.com');
    await row.waitFor();
    const allocated = parseCredits(await row.getByTestId('allocated').textContent());
    const remaining = parseCredits(await row.getByTestId('remaining').textContent());

    // The pool check's error shows in the dialog, and nothing changes.
    await row.getByTestId('assign-button').click();
    await page.getByTestId('assign-total').fill('1000000');
    await page.getByTestId('assign-submit').click();
    const error = page.getByTestId('dialog-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('insufficient_pool');
    expect(await error.textContent()).toContain(`${before} unallocated`);

    // Assign sets the total (it does not add).
    await page.getByTestId('assign-total').fill(String(allocated + 1000));
    await page.getByTestId('assign-submit').click();
    await page.getByTestId('assign-dialog').waitFor({ state: 'detached' });
    await expect
      .poll(async () => parseCredits(await row.getByTestId('allocated').textContent()))
      .toBe(allocated + 1000);
    expect(parseCredits(await row.getByTestId('remaining').textContent())).toBe(remaining + 1000);

    await page.getByTestId('nav-overview').click();
    await expect.poll(() => unallocated(page)).toBe(before - 1000);
    await context.close();
  });

  it('a member requests credits, an admin approves, and the pool changes', async () => {
    const member = await e2e.signedIn(ELENA);
    await member.page.getByTestId('page-me').waitFor();
    const allocatedBefore = await loaded(async () =>
      parseCredits(await member.page.getByTestId('balance-allocated-value').textContent()),
    );
    await member.page.getByTestId('request-amount-input').fill('400');
    await member.page.getByTestId('request-message-input').fill('Conference demo prep');
    await member.page.getByTestId('request-submit').click();
    await member.page.getByTestId('request-sent').waitFor();
    const mine = member.page.getByTestId('my-request').first();
    await expect.poll(() => mine.getByTestId('my-request-status').textContent()).toBe('pending');

    const admin = await e2e.signedIn(ADA);
    await admin.page.getByTestId('page-overview').waitFor();
    // The pending badge renders with the overview's figures: read it once they have loaded.
    const poolBefore = await loaded(() => unallocated(admin.page));
    const pendingBefore = await pendingCount(admin.page);
    expect(pendingBefore).toBeGreaterThanOrEqual(1);

    await admin.page.getByTestId('pending-badge').click();
    const card = admin.page.locator('[data-testid="request-card"]', { hasText: 'Conference demo prep' });
    await card.waitFor();
    expect(await card.getByTestId('request-name').textContent()).toBe('Elena Petrova');
    expect(parseCredits(await card.getByTestId('request-amount').textContent())).toBe(400);
    await card.getByTestId('approve-button').click();
    await card.waitFor({ state: 'detached' });

    await admin.page.getByTestId('filter-all').click();
    const decided = admin.page.locator('[data-testid="request-card"]', { hasText: 'Conference demo prep' });
    await expect.poll(() => decided.getByTestId('request-status').textContent()).toBe('approved');

    await admin.page.getByTestId('nav-overview').click();
    await expect.poll(() => unallocated(admin.page)).toBe(poolBefore - 400);
    expect(await pendingCount(admin.page)).toBe(pendingBefore - 1);

    await admin.page.getByTestId('nav-users').click();
    await expect
      .poll(async () =>
        parseCredits(await memberRow(admin.page, ELENA).getByTestId('allocated').textContent()),
      )
      .toBe(allocatedBefore + 400);

    await member.page.reload();
    await expect
      .poll(async () => parseCredits(await member.page.getByTestId('balance-allocated-value').textContent()))
      .toBe(allocatedBefore + 400);
    await expect.poll(() => mine.getByTestId('my-request-status').textContent()).toBe('approved');
    await member.context.close();
    await admin.context.close();
  });

  it('analytics filters by user and event type, and the CSV holds exactly those rows', async () => {
    const { context, page } = await e2e.signedIn(ADA);
    await page.getByTestId('nav-analytics').click();
    await page.getByTestId('ledger-row').first().waitFor();
    const usageSummary = async () =>
      parseCredits(await page.getByTestId('summary-usage-value').textContent());
    const allUsage = await loaded(usageSummary);

    await page.getByTestId('filter-user').selectOption(MAYA);
    await page.getByTestId('filter-type').selectOption('usage');
    await expect
      .poll(async () => {
        const rows = page.getByTestId('ledger-row');
        const users = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-user-id')));
        const types = await rows
          .getByTestId('event-badge')
          .evaluateAll((els) => els.map((el) => el.getAttribute('data-type')));
        return (
          users.length > 0 && users.every((u) => u === 'maya@acme.com') && types.every((t) => t === 'usage')
        );
      })
      .toBe(true);
    // The summary is its own query: it may still show the unfiltered figure for a moment.
    await expect.poll(usageSummary).toBeLessThan(allUsage);
    const mayaUsage = await usageSummary();
    expect(mayaUsage).toBeGreaterThan(0);
    expect(await page.getByTestId('summary-allocated-value').textContent()).toBe('0');

    // Page through the filtered table, collecting every entry shown.
    const shown: string[] = [];
    let amountSum = 0;
    for (let pageNo = 1; ; pageNo++) {
      await expect.poll(() => page.getByTestId('ledger-page').textContent()).toBe(`Page ${pageNo}`);
      await page.getByTestId('ledger-row').first().waitFor();
      const ids = await page
        .getByTestId('ledger-row')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-entry-id')!));
      const amounts = await page.getByTestId('amount').allTextContents();
      shown.push(...ids);
      amountSum += amounts.reduce((sum, text) => sum + parseCredits(text), 0);
      if (await page.getByTestId('ledger-next').isDisabled()) break;
      await page.getByTestId('ledger-next').click();
    }
    expect(shown.length).toBeGreaterThan(15);
    expect(new Set(shown).size).toBe(shown.length);
    expect(-amountSum).toBe(mayaUsage);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe('ledger-user-maya_acme.com-type-usage.csv');
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8')).filter((r) =>
      r.some((c) => c !== ''),
    );
    const [header, ...data] = rows;
    expect(header?.slice(0, 5)).toEqual(['id', 'date', 'user_id', 'type', 'amount']);
    expect(data.map((r) => r[0]).sort()).toEqual([...shown].sort());
    expect(data.every((r) => r[2] === MAYA && r[3] === 'usage')).toBe(true);

    // A date range (the end date inclusive) narrows the same view.
    await page.getByTestId('filter-clear').click();
    const newest = await firstRowDate(page);
    const end = new Date(Date.parse(newest) - 86_400_000).toISOString().slice(0, 10);
    const start = new Date(Date.parse(newest) - 5 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('filter-from').fill(start);
    await page.getByTestId('filter-to').fill(end);
    await expect
      .poll(async () => {
        const dates = await page
          .getByTestId('ledger-row')
          .evaluateAll((els) => els.map((el) => el.getAttribute('data-at') ?? ''));
        return dates.length > 0 && dates.every((at) => at >= start && at.slice(0, 10) <= end);
      })
      .toBe(true);
    await context.close();
  });

  it('keeps a member out of the admin dashboard', async () => {
    const { context, page } = await e2e.signedIn(ELENA);
    await page.getByTestId('page-me').waitFor();
    expect(await page.getByTestId('nav-users').count()).toBe(0);
    for (const path of ['/overview', '/users', '/requests', '/analytics']) {
      await page.goto(`${e2e.url}${path}`);
      await page.getByTestId('page-me').waitFor();
      expect(new URL(page.url()).pathname).toBe('/me');
      await page.getByTestId('access-notice').waitFor();
    }
    // The API refuses too: the redirect is a courtesy, the authorization is Allot's.
    const response = await context.request.get(`${e2e.url}/api/allot/overview`);
    expect(response.status()).toBe(403);
    expect((await response.json()).code).toBe('forbidden');
    await context.close();
  });

  it('a sign-up with the company domain appears with zero credits; others are refused', async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    await page.goto(e2e.url);
    await page.getByTestId('signup-email').fill('zoe@gmail.com');
    await page.getByTestId('signup-name').fill('Zoe Quinn');
    await page.getByTestId('signup-submit').click();
    await expect.poll(() => page.getByTestId('signup-error').textContent()).toContain('@acme.com');

    await page.getByTestId('signup-email').fill('zoe@acme.com');
    await page.getByTestId('signup-submit').click();
    await page.getByTestId('page-me').waitFor();
    await expect.poll(() => page.getByTestId('balance-allocated-value').textContent()).toBe('0');
    await context.close();

    const admin = await e2e.signedIn(ADA);
    await admin.page.getByTestId('nav-users').click();
    const row = memberRow(admin.page, 'zoe@acme.com');
    await row.waitFor();
    expect(await row.getByTestId('allocated').textContent()).toBe('0');
    expect(await row.getByTestId('role-badge').textContent()).toBe('Member');
    await admin.context.close();
  });

  it('shows the seeded hold as held credits, to the member too, and an admin releases it', async () => {
    const admin = await e2e.signedIn(ADA);
    const holds = await admin.context.request.get(
      `${e2e.url}/api/allot/holds?userId=${encodeURIComponent(LIAM)}`,
    );
    const [hold] = ((await holds.json()) as HoldsPage).items;
    expect(hold?.amount).toBeGreaterThan(0);

    await admin.page.getByTestId('nav-users').click();
    const row = memberRow(admin.page, LIAM);
    await row.waitFor();
    const figure = async (testId: string) => parseCredits(await row.getByTestId(testId).textContent());
    expect(await figure('held')).toBe(hold!.amount);
    const remaining = await figure('remaining');
    expect(remaining).toBe((await figure('allocated')) - (await figure('used')) - hold!.amount);
    expect(parseCredits(await memberRow(admin.page, MAYA).getByTestId('held').textContent())).toBe(0);

    const listed = admin.page.locator(`[data-testid="hold-row"][data-hold-id="${hold!.id}"]`);
    await listed.waitFor();
    expect(await listed.textContent()).toContain("Liam O'Brien");
    expect(parseCredits(await listed.getByTestId('hold-amount').textContent())).toBe(hold!.amount);

    const member = await e2e.signedIn(LIAM);
    await member.page.getByTestId('page-me').waitFor();
    await expect
      .poll(async () => parseCredits(await member.page.getByTestId('balance-held-value').textContent()))
      .toBe(hold!.amount);
    await member.page.getByTestId('my-holds').getByTestId('hold-row').waitFor();
    expect(await member.page.getByTestId('release-hold').count()).toBe(0);
    await member.context.close();

    await listed.getByTestId('release-hold').click();
    await listed.waitFor({ state: 'detached' });
    await expect.poll(() => figure('held')).toBe(0);
    expect(await figure('remaining')).toBe(remaining + hold!.amount);
    await admin.page.getByTestId('holds-empty').waitFor();
    await admin.context.close();
  });

  it('marks a member below the low-credit alert line with a badge', async () => {
    const { context, page } = await e2e.signedIn(ADA);
    await page.getByTestId('nav-users').click();
    const low = memberRow(page, PRIYA);
    await low.waitFor();
    const badge = low.getByTestId('alert-badge');
    await badge.waitFor();
    expect(await badge.getAttribute('data-alerts')).toContain('remaining_below_percent');
    const remaining = parseCredits(await low.getByTestId('remaining').textContent());
    expect(remaining * 10).toBeLessThan(parseCredits(await low.getByTestId('allocated').textContent()));
    expect(await memberRow(page, LIAM).getByTestId('alert-badge').count()).toBe(0);
    await context.close();
  });

  it('My credits shows an admin only her own requests and holds, and a member only theirs', async () => {
    const admin = await e2e.signedIn(GRACE);
    const api = `${e2e.url}/api/allot`;
    // The organization's lists, which an admin's own page must not show as hers.
    const orgRequests = (await (
      await admin.context.request.get(`${api}/requests?limit=100`)
    ).json()) as RequestsPage;
    expect(orgRequests.items.filter((r) => r.userId !== GRACE).length).toBeGreaterThan(3);
    // A job of Grace's and one of Maya's holding credits (the admin meters, as the dashboard allows).
    const reserve = async (userId: string, description: string) => {
      const response = await admin.context.request.post(`${api}/holds`, {
        headers: { 'Idempotency-Key': `own-lists-${userId}` },
        data: { userId, amount: 25, ttlSeconds: 600, description },
      });
      expect(response.status()).toBe(201);
      return ((await response.json()) as HoldResult).hold;
    };
    const graceHold = await reserve(GRACE, 'Grace’s quarterly report');
    const mayaHold = await reserve(MAYA, 'Maya’s fine-tune run');

    await admin.page.getByTestId('nav-me').click();
    await admin.page.getByTestId('page-me').waitFor();
    await admin.page.getByTestId('request-amount-input').fill('321');
    await admin.page.getByTestId('request-message-input').fill('Board deck renders');
    await admin.page.getByTestId('request-submit').click();
    await admin.page.getByTestId('request-sent').waitFor();

    const listed = (page: Page, testId: string, attribute: string) =>
      page.getByTestId(testId).evaluateAll((els, name) => els.map((el) => el.getAttribute(name)), attribute);
    const own = admin.page.getByTestId('my-request');
    await expect.poll(() => own.count()).toBe(1);
    expect(await own.textContent()).toContain('Board deck renders');
    expect(await own.getByTestId('my-request-status').textContent()).toBe('pending');
    await expect.poll(() => listed(admin.page, 'hold-row', 'data-hold-id')).toEqual([graceHold.id]);
    expect(await listed(admin.page, 'hold-row', 'data-user-id')).toEqual([GRACE]);
    expect(await admin.page.getByTestId('my-holds').textContent()).toContain('Grace’s quarterly report');

    // A member's own page lists their own requests and holds, as before.
    const member = await e2e.signedIn(MAYA);
    await member.page.getByTestId('page-me').waitFor();
    const mayas = (await (
      await member.context.request.get(`${api}/requests?limit=10`)
    ).json()) as RequestsPage;
    expect(mayas.items.length).toBeGreaterThan(0);
    expect(mayas.items.every((r) => r.userId === MAYA)).toBe(true);
    await expect
      .poll(() => listed(member.page, 'my-request', 'data-request-id'))
      .toEqual(mayas.items.map((r) => r.id));
    await expect.poll(() => listed(member.page, 'hold-row', 'data-hold-id')).toEqual([mayaHold.id]);
    await member.context.close();

    // Every request listed is hers, so Cancel works; then the list shows it cancelled.
    await own.getByTestId('cancel-request').click();
    await expect.poll(() => own.getByTestId('my-request-status').textContent()).toBe('cancelled');
    const graces = (await (await admin.context.request.get(`${api}/me/requests`)).json()) as RequestsPage;
    expect(graces.items.map((r) => [r.userId, r.status])).toEqual([[GRACE, 'cancelled']]);

    // Leave the figures as the other tests expect them: no hold of Maya's.
    for (const hold of [graceHold, mayaHold]) {
      expect((await admin.context.request.post(`${api}/holds/${hold.id}/release`)).status()).toBe(200);
    }
    await admin.context.close();
  });

  it('an admin tops up the pool and the overview shows the larger pool', async () => {
    const { context, page } = await e2e.signedIn(ADA);
    await page.getByTestId('page-overview').waitFor();
    const poolBefore = await loaded(async () =>
      parseCredits(await page.getByTestId('stat-pool-value').textContent()),
    );
    const unallocatedBefore = await loaded(() => unallocated(page));

    await page.getByTestId('top-up-button').click();
    await page.getByTestId('top-up-amount').fill('2500');
    await page.getByTestId('top-up-reason').fill('Launch week');
    expect(await page.getByTestId('top-up-preview').textContent()).toContain(
      (poolBefore + 2500).toLocaleString('en-US'),
    );
    await page.getByTestId('top-up-submit').click();
    await page.getByTestId('top-up-dialog').waitFor({ state: 'detached' });

    await expect
      .poll(async () => parseCredits(await page.getByTestId('stat-pool-value').textContent()))
      .toBe(poolBefore + 2500);
    expect(await page.getByTestId('stat-pool-top-ups').textContent()).toBe('60,000 monthly + 2,500 top-ups');
    expect(await unallocated(page)).toBe(unallocatedBefore + 2500);
    await page.locator('.activity [data-testid="event-badge"][data-type="top_up"]').first().waitFor();
    await context.close();
  });
});
