#!/usr/bin/env node
// Checks every publishable package with publint and @arethetypeswrong/cli (ESM and CJS must
// both resolve their types). Run after `pnpm build`.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const packagesDir = join(import.meta.dirname, '..', 'packages');
let failed = 0;
for (const name of readdirSync(packagesDir).sort()) {
  const dir = join(packagesDir, name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  for (const [tool, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--format', 'ascii']],
  ]) {
    try {
      execFileSync('pnpm', ['exec', tool, ...args], { cwd: dir, stdio: 'pipe' });
      console.log(`ok   ${pkg.name} ${tool}`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${pkg.name} ${tool}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
if (failed) process.exit(1);
