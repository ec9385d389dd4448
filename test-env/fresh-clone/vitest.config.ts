import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The README's commands on a fresh clone (readme-commands.test.ts). Not part of `npm test`, which
// it runs itself: `.ci/run` runs this config after the main suite.
export default defineConfig({
  root: join(import.meta.dirname, '..', '..'),
  test: {
    include: ['test-env/fresh-clone/*.test.ts'],
    testTimeout: 20 * 60_000,
    hookTimeout: 5 * 60_000,
  },
});
