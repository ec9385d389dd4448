// @vitest-environment jsdom
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComponentType } from 'react';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DocsApi, startDocsApi } from './harness/api-server';
import { type Block, guidesIn } from './harness/blocks';
import { mount } from './harness/render';

// Every ```tsx block with a default export is rendered here in jsdom with react-dom, against a
// real Allot API (Express + the memory store, see harness/api-server.ts) on the same "origin":
// relative URLs resolve to it, as they would in a page it served, and the `user="…"` step picks
// whose session cookie goes with each request. Then the block's `expect="…"` and `click="…"`
// steps run in order. (docs.test.ts type-checks every block.)

const runDir = join(import.meta.dirname, 'snippets', '.run', 'dom');
rmSync(runDir, { recursive: true, force: true });
mkdirSync(runDir, { recursive: true });
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

const rendered = (b: Block) => b.lang === 'tsx' && /^export default /m.test(b.code);
const guides = guidesIn(import.meta.dirname)
  .map(({ guide, blocks }) => ({ guide, blocks: blocks.filter(rendered) }))
  .filter((g) => g.blocks.length > 0);

let api: DocsApi;
let user = 'ada';
const realFetch = globalThis.fetch;

beforeEach(async () => {
  api = await startDocsApi();
  user = 'ada';
  globalThis.fetch = (input, init) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init?.headers);
    headers.set('cookie', `session=${encodeURIComponent(user)}`);
    return realFetch(new URL(href, api.origin), { ...init, headers });
  };
});

afterEach(async () => {
  globalThis.fetch = realFetch;
  await api.close();
});

describe.each(guides)('$guide', ({ blocks }) => {
  it.each(blocks.map((b) => ({ i: b.index, b })))('snippet $i renders', async ({ b }) => {
    const file = join(runDir, b.file);
    writeFileSync(file, b.code);
    const module = (await import(/* @vite-ignore */ file)) as { default: ComponentType };
    const steps = [...b.steps];
    while (steps[0]?.key === 'user') user = steps.shift()?.value ?? user;
    expect(
      steps.some((s) => s.key === 'expect'),
      'a rendered snippet says what it shows',
    ).toBe(true);

    const page = await mount(module.default);
    try {
      for (const step of steps) {
        if (step.key === 'expect') await page.expectText(step.value);
        else if (step.key === 'click') await page.click(step.value);
        else if (step.key === 'user') user = step.value;
        else throw new Error(`unknown step ${step.key}="${step.value}"`);
      }
    } finally {
      await page.unmount();
    }
  });
});
