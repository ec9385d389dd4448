import { defineConfig } from 'vitest/config';
import projects from './vitest.workspace';

// Tests run against each package's TypeScript source through the `@allot/source` export condition.
const sourceCondition = '@allot/source';

export default defineConfig({
  resolve: { conditions: [sourceCondition, 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: [sourceCondition, 'module', 'node', 'development|production'] } },
  test: {
    projects,
    exclude: ['**/node_modules/**', '**/dist/**', '**/.tools/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
