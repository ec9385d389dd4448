import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from 'test-env';
import { type RunningDashboard, startDashboard } from '../server/start';

/** The dashboard example's folder. */
export const DASHBOARD_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the front end with Vite into `outDir` (a child process, so it shares nothing with the test runner). */
export async function buildWeb(outDir: string): Promise<void> {
  const require = createRequire(import.meta.url);
  const viteBin = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  await promisify(execFile)(
    process.execPath,
    [viteBin, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    {
      cwd: DASHBOARD_ROOT,
    },
  );
}

/** A dashboard on a free port over a fresh SQLite file, with a headless Chromium to drive it. */
export interface E2E {
  dashboard: RunningDashboard;
  browser: Browser;
  url: string;
  tempDir: string;
  /** A fresh browser context (its own cookies), signed in as `userId` through the sign-in screen. */
  signedIn(userId: string): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** Builds the front end, starts the dashboard on a fresh temp database, and launches Chromium. */
export async function startE2E(options: { webDir?: string } = {}): Promise<E2E> {
  const tempDir = mkdtempSync(join(tmpdir(), 'allot-dashboard-'));
  const webDir = options.webDir ?? join(tempDir, 'web');
  await buildWeb(webDir);
  const dashboard = await startDashboard({
    filename: join(tempDir, 'data', 'allot.sqlite'),
    webDir,
    port: 0,
  });
  const browser = await launchChromium();
  const url = dashboard.url;
  return {
    dashboard,
    browser,
    url,
    tempDir,
    async signedIn(userId) {
      const context = await browser.newContext({
        acceptDownloads: true,
        viewport: { width: 1360, height: 900 },
      });
      const page = await context.newPage();
      await page.goto(url);
      await page.getByTestId(`signin-${userId}`).click();
      await page.getByTestId('signin-select').waitFor();
      return { context, page };
    },
    async close() {
      await browser.close();
      await dashboard.close();
      rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

/** "12,345" / "−120" / "+500" → a number. */
export function parseCredits(text: string | null): number {
  return Number((text ?? '').replace(/,/g, '').replace('−', '-').replace('+', '').trim());
}
