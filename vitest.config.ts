import { defineConfig } from 'vitest/config';
import projects from './vitest.workspace';

// Tests run against each package's TypeScript source through the `@allot/source` export condition.
const sourceCondition = '@allot/source';

export default defineConfig({
  resolve: { conditions: [sourceCondition, 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: [sourceCondition, 'module', 'node', 'development|production'] } },
  test: {
    projects,
    // Starts PostgreSQL for the run when ALLOT_TEST_PG_URL names none (test-env/README.md).
    globalSetup: ['./test-env/src/global-setup.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/.tools/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
