import type { TestProjectInlineConfiguration } from 'vitest/config';

/** Every test project of the workspace; vitest.config.ts hands this list to `test.projects`. */
function project(
  name: string,
  dir: string,
  environment: 'node' | 'jsdom' = 'node',
): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name,
      environment,
      include: [`${dir}/**/*.test.{ts,tsx}`],
    },
  };
}

export default [
  project('core', 'packages/core'),
  project('memory', 'packages/memory'),
  project('sqlite', 'packages/sqlite'),
  project('postgres', 'packages/postgres'),
  project('http', 'packages/http'),
  project('express', 'packages/express'),
  project('http-suite', 'http-suite'),
  project('react', 'packages/react', 'jsdom'),
  project('examples', 'examples'),
  project('docs', 'docs'),
  project('reliability', 'reliability'),
  project('test-env', 'test-env/src'),
] satisfies TestProjectInlineConfiguration[];
