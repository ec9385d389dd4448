import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Every ```ts block in the guides runs here as its own module, so the docs cannot rot.
// A block whose first line is `// @doc-skip: <why>` is only type-checked by `pnpm typecheck`
// (see docs/snippets/), e.g. one that needs a running server.

const docsDir = import.meta.dirname;
const outDir = join(docsDir, 'snippets', '.run');
mkdirSync(outDir, { recursive: true });
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function blocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

const guides = readdirSync(docsDir)
  .filter((f) => f.endsWith('.md'))
  .sort();

describe.each(guides)('%s', (guide) => {
  const code = blocks(readFileSync(join(docsDir, guide), 'utf8'));
  const runnable = code.map((c, i) => ({ c, i })).filter(({ c }) => !c.startsWith('// @doc-skip'));
  if (runnable.length === 0) {
    it('has only snippets marked @doc-skip', () => expect(code.length).toBeGreaterThan(0));
    return;
  }
  it.each(runnable)('snippet $i runs', async ({ c, i }) => {
    const file = join(outDir, `${guide.replace(/\W/g, '_')}_${i}.ts`);
    writeFileSync(file, `${c}\nexport {};\n`);
    await expect(import(/* @vite-ignore */ file)).resolves.toBeDefined();
  });
});
