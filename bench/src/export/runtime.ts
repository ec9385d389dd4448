import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packagesDir = fileURLToPath(new URL('../../../packages/', import.meta.url));
const NEEDED = ['core', 'kysely', 'sqlite', 'postgres', 'express'];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!/\.test(-d)?\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** True when every package the export child loads has a build newer than its sources. */
export function builtPackagesAreFresh(): boolean {
  return NEEDED.every((name) => {
    const built = join(packagesDir, name, 'dist', 'index.js');
    return existsSync(built) && statSync(built).mtimeMs >= newestSource(join(packagesDir, name, 'src'));
  });
}

let decided: { execArgv: string[]; label: string } | undefined;

/**
 * How the export child runs: the built packages on plain Node when they are fresh at the first
 * call, else the sources through tsx. Decided once, so every export of a run uses the same.
 */
export function childRuntime(): { execArgv: string[]; label: string } {
  decided ??= decideRuntime();
  return decided;
}

function decideRuntime(): { execArgv: string[]; label: string } {
  if (builtPackagesAreFresh()) {
    return {
      execArgv: ['--expose-gc', '--disable-warning=ExperimentalWarning'],
      label: 'plain `node` on the built packages (dist)',
    };
  }
  return {
    execArgv: ['--expose-gc', '--conditions=@allot/source', '--import', import.meta.resolve('tsx')],
    label: 'the TypeScript sources through tsx (no up-to-date build found; tsx adds ~15 MB)',
  };
}
