import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { freePort, launchChromium } from 'test-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The app as its users run it: `next start` on the build (made by the http-suite project's global
// setup, http-suite/src/next-build.ts), the demo's route handler and the page reading it.
const dir = fileURLToPath(new URL('.', import.meta.url));
const nextBin = createRequire(`${dir}package.json`).resolve('next/dist/bin/next');

let server: ChildProcess;
let base: string;
let browser: Browser;

async function started(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('next start did not answer within 20 s');
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
  });
  await started(base, server);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.kill();
});

describe('examples/nextjs under next start', () => {
  it('serves the REST API under /api/credits', async () => {
    const overview = await fetch(`${base}/api/credits/overview`);
    expect(overview.status).toBe(200);
    expect(await overview.json()).toMatchObject({ orgId: 'acme', pool: 10_000, memberCount: 2 });
    const bob = await fetch(`${base}/api/credits/me`, { headers: { 'x-user': 'bob' } });
    expect(await bob.json()).toMatchObject({ userId: 'bob', allocated: 2_500, remaining: 2_500 });
    const refused = await fetch(`${base}/api/credits/overview`, { headers: { 'x-user': 'bob' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  });

  it('answers a path it cannot decode with a 400 problem (proxy.ts), not Next’s bare 500', async () => {
    const res = await fetch(`${base}/api/credits/members/%E0%A4%A/allocation`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'bad_request' });
  });

  it('renders the pool with @allot/react in the browser', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    const pool = page.getByTestId('pool');
    await pool.waitFor();
    expect(await pool.textContent()).toBe('0 of 10000 credits used (2 members)');
    await page.close();
  });
});
