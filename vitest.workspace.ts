import type { TestProjectInlineConfiguration } from 'vitest/config';

/** Every test project of the workspace; vitest.config.ts hands this list to `test.projects`. */
function project(
  name: string,
  dirs: string | string[],
  options: { environment?: 'node' | 'jsdom'; exclude?: string[]; globalSetup?: string[] } = {},
): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name,
      environment: options.environment ?? 'node',
      include: [dirs].flat().map((dir) => `${dir}/**/*.test.{ts,tsx}`),
      ...(options.exclude ? { exclude: ['**/node_modules/**', ...options.exclude] } : {}),
      ...(options.globalSetup ? { globalSetup: options.globalSetup } : {}),
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
  // The Next.js example is built once for the route suite, which serves it; its own test shares the build.
  project('http-suite', ['http-suite', 'examples/nextjs'], {
    globalSetup: ['./http-suite/src/next-build.ts'],
  }),
  project('react', 'packages/react', { environment: 'jsdom' }),
  project('examples', 'examples', { exclude: ['examples/nextjs/**'] }),
  project('docs', 'docs'),
  project('reliability', 'reliability'),
  project('test-env', 'test-env/src'),
  // Type tests (*.test-d.ts): vitest runs tsc over them and reports each assertion as a test.
  {
    extends: true,
    test: {
      name: 'types',
      include: [],
      typecheck: {
        enabled: true,
        only: true,
        include: ['packages/*/src/**/*.test-d.ts'],
        tsconfig: './tsconfig.json',
      },
    },
  },
] satisfies TestProjectInlineConfiguration[];
