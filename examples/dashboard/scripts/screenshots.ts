import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DASHBOARD_ROOT, startE2E } from '../test/harness';

// Screenshots of the four admin tabs and the member view for the README: a fresh seeded
// database, the built front end, the tests' Chromium (test-env). Run with `pnpm --filter dashboard screenshots`.
const out = join(DASHBOARD_ROOT, '..', '..', 'docs', 'images');
mkdirSync(out, { recursive: true });

async function shoot(page: Page, name: string, ready: string): Promise<void> {
  await page.getByTestId(ready).waitFor();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: false });
  console.log(`docs/images/${name}.png`);
}

const e2e = await startE2E();
try {
  const admin = await e2e.signedIn('ada@acme.com');
  const page = admin.page;
  await page.getByTestId('page-overview').waitFor();
  await page.getByTestId('ledger').or(page.locator('.activity li').first()).first().waitFor();
  await shoot(page, 'overview', 'page-overview');

  await page.getByTestId('nav-users').click();
  await page.getByTestId('member-row').first().waitFor();
  await shoot(page, 'users', 'page-users');

  await page.getByTestId('nav-requests').click();
  await page.getByTestId('request-card').first().waitFor();
  await shoot(page, 'requests', 'page-requests');

  await page.getByTestId('nav-analytics').click();
  await page.getByTestId('ledger-row').first().waitFor();
  await shoot(page, 'analytics', 'page-analytics');
  await admin.context.close();

  const member = await e2e.signedIn('maya@acme.com');
  await member.page.getByTestId('my-request').first().waitFor();
  await shoot(member.page, 'member', 'page-me');
  await member.context.close();
} finally {
  await e2e.close();
}
