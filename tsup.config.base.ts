import { defineConfig, type Options } from 'tsup';

/** The one tsup configuration every package builds with: ESM + CJS + declarations. */
export function packageConfig(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2023',
    treeshake: true,
    ...overrides,
  });
}
