import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One fenced code block of a guide. The info string after the language holds the flags the
 * docs tests read (GitHub and typedoc show only the language):
 *
 * - ```` ```ts ```` runs as its own module (it throws, or its assertions fail, and the test fails);
 * - ```` ```ts typecheck ```` is only type-checked (a test file, a fragment needing a real service);
 * - ```` ```ts suite ```` registers vitest tests of its own (the adapter conformance suite);
 * - ```` ```ts postgres ```` runs only when a database is configured (`DATABASE_URL` or
 *   `ALLOT_TEST_PG_URL`), each in a fresh schema named by `ALLOT_SCHEMA`;
 * - ```` ```tsx ```` is type-checked; when it has a default export that component is rendered
 *   against a live API (see `react.test.tsx`), following its `user="…"`, `expect="…"` and
 *   `click="…"` steps in order.
 *
 * A block whose first line is `// @doc-skip: <why>` (the older marker) counts as `typecheck`.
 */
export interface Block {
  guide: string;
  /** Position among the guide's ts/tsx blocks, from 0. */
  index: number;
  lang: 'ts' | 'tsx';
  flags: Set<string>;
  /** `key="value"` pairs of the info string, in order. */
  steps: { key: string; value: string }[];
  code: string;
  /** A file name for the block, unique across guides. */
  file: string;
}

const FENCE = /^```(tsx?)([^\n]*)\n([\s\S]*?)^```/gm;
const ATTRIBUTE = /(\w+)="([^"]*)"/g;

/** The ts and tsx blocks of one markdown text. */
export function blocksOf(guide: string, markdown: string): Block[] {
  return [...markdown.matchAll(FENCE)].map((match, index) => {
    const lang = match[1] as 'ts' | 'tsx';
    const info = match[2] ?? '';
    const steps = [...info.matchAll(ATTRIBUTE)].map((m) => ({ key: m[1] ?? '', value: m[2] ?? '' }));
    const code = match[3] ?? '';
    const flags = new Set(info.replace(ATTRIBUTE, ' ').split(/\s+/).filter(Boolean));
    if (code.startsWith('// @doc-skip')) flags.add('typecheck');
    const file = `${guide.replace(/\.md$/, '').replace(/\W/g, '_')}_${index}.${lang}`;
    return { guide, index, lang, flags, steps, code, file };
  });
}

/** One markdown file's blocks, under the name `guide`. */
export function guideAt(path: string, guide: string): { guide: string; blocks: Block[] } {
  return { guide, blocks: blocksOf(guide, readFileSync(path, 'utf8')) };
}

/** Every guide in `dir` (its `*.md` files, sorted) with its blocks. */
export function guidesIn(dir: string): { guide: string; blocks: Block[] }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((guide) => ({ guide, blocks: blocksOf(guide, readFileSync(join(dir, guide), 'utf8')) }));
}
