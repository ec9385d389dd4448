import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Block, guideAt, guidesIn } from './harness/blocks';
import { undocumentedExports } from './harness/exports';
import { databaseUrl, dropSchemas, freshSchema } from './harness/postgres';
import { typecheck } from './harness/typecheck';

// Every ```ts and ```tsx block of every guide is type-checked here, and every ```ts block runs as
// its own module, so the docs cannot rot. The flags after the language are read by
// harness/blocks.ts; ```tsx blocks are rendered by react.test.tsx.

const docsDir = import.meta.dirname;
const runDir = join(docsDir, 'snippets', '.run', 'node');
rmSync(runDir, { recursive: true, force: true });
mkdirSync(runDir, { recursive: true });

// The root README's quick start runs too.
const guides = [...guidesIn(docsDir), guideAt(join(docsDir, '..', 'README.md'), 'root README.md')];
const fileOf = (block: Block) => join(runDir, block.file);
for (const block of guides.flatMap((g) => g.blocks)) {
  writeFileSync(fileOf(block), `${block.code}\nexport {};\n`);
}

const url = databaseUrl();
afterAll(async () => {
  await dropSchemas(url);
  rmSync(runDir, { recursive: true, force: true });
});

const isRun = (b: Block) => b.lang === 'ts' && !b.flags.has('typecheck') && !b.flags.has('suite');
const isExercised = (b: Block) => isRun(b) || b.flags.has('suite') || b.lang === 'tsx';

it('type-checks every ts and tsx snippet of every guide', () => {
  const files = guides.flatMap((g) => g.blocks).map(fileOf);
  // react.test.tsx too: the root tsconfig includes only docs/**/*.ts.
  expect(typecheck([...files, join(docsDir, 'react.test.tsx')])).toEqual([]);
}, 300_000);

it('documents every public export of every package with a description and an example', () => {
  expect(undocumentedExports()).toEqual([]);
}, 300_000);

describe.each(guides)('$guide', ({ blocks }) => {
  it('has code the tests exercise, unless it has no code', () => {
    if (blocks.length > 0) expect(blocks.some(isExercised)).toBe(true);
  });

  it.each(blocks.filter(isRun).map((b) => ({ i: b.index, b })))('snippet $i runs', async ({ b }) => {
    if (b.flags.has('postgres')) freshSchema();
    await expect(import(/* @vite-ignore */ fileOf(b))).resolves.toBeDefined();
  });
});

// ```ts suite blocks register their own tests (the adapter conformance suite) while this file is
// collected, each inside a describe of its own.
for (const block of guides.flatMap((g) => g.blocks).filter((b) => b.flags.has('suite'))) {
  describe(`${block.guide} snippet ${block.index} (suite)`, async () => {
    if (block.flags.has('postgres')) freshSchema(); // read by the snippet as it is imported
    await import(/* @vite-ignore */ fileOf(block));
  });
}
