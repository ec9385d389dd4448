import { afterEach, expect, it } from 'vitest';
import { chromiumExecutable, launchChromium } from './browser';

const saved = { path: process.env.CHROMIUM_PATH, system: process.env.ALLOT_TEST_SYSTEM_CHROMIUM };
afterEach(() => {
  for (const [name, value] of [
    ['CHROMIUM_PATH', saved.path],
    ['ALLOT_TEST_SYSTEM_CHROMIUM', saved.system],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

it('refuses a CHROMIUM_PATH with nothing there, naming it', async () => {
  process.env.CHROMIUM_PATH = '/nowhere/chromium';
  await expect(chromiumExecutable()).rejects.toThrow(
    'CHROMIUM_PATH is /nowhere/chromium, and there is no file there.',
  );
});

const packaged = process.platform === 'linux' && ['x64', 'arm64'].includes(process.arch);

it('falls back to the Chromium inside @sparticuz/chromium on Linux, elsewhere names the command', async () => {
  delete process.env.CHROMIUM_PATH;
  process.env.ALLOT_TEST_SYSTEM_CHROMIUM = '0';
  if (!packaged) {
    await expect(chromiumExecutable()).rejects.toThrow('npx @puppeteer/browsers install chrome@stable');
    return;
  }
  expect(await chromiumExecutable()).toMatchObject({ source: '@sparticuz/chromium' });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent('<h1>Allot</h1>');
    expect(await page.textContent('h1')).toBe('Allot');
  } finally {
    await browser.close();
  }
});
