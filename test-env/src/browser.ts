import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where the tests' Chromium came from. */
export type BrowserSource = 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';

/** The usual places of an installed Chromium or Chrome, per platform. */
const systemPaths: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  ],
};

/** The flags every launch uses (headless, no sandbox for root in CI, nothing reaching the network). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` when set; else an installed Chromium or
 * Chrome in its usual place (skipped when `ALLOT_TEST_SYSTEM_CHROMIUM=0`); else, on Linux x64 and
 * arm64, the build inside the `@sparticuz/chromium` package. Elsewhere it fails naming the command
 * that installs one. Never downloads a browser.
 */
export async function chromiumExecutable(): Promise<{ path: string; source: BrowserSource }> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured))
      throw new Error(`CHROMIUM_PATH is ${configured}, and there is no file there.`);
    return { path: configured, source: 'CHROMIUM_PATH' };
  }
  if (process.env.ALLOT_TEST_SYSTEM_CHROMIUM !== '0') {
    const installed = (systemPaths[process.platform] ?? []).find((path) => existsSync(path));
    if (installed) return { path: installed, source: 'system' };
  }
  if (process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64')) {
    const { default: packaged } = await import('@sparticuz/chromium');
    return { path: await packaged.executablePath(), source: '@sparticuz/chromium' };
  }
  throw new Error(
    'The browser tests need Chromium or Chrome. Install one with `npx @puppeteer/browsers install chrome@stable` ' +
      'and set CHROMIUM_PATH to the path it prints.',
  );
}

/** Launches the tests' Chromium headless through playwright-core. */
export async function launchChromium(): Promise<Browser> {
  const { path } = await chromiumExecutable();
  return chromium.launch({ executablePath: path, headless: true, args: CHROMIUM_ARGS });
}
