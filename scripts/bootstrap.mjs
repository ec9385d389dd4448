#!/usr/bin/env node
// Runs a workspace script with the toolchain the repo needs (Node >= 22 and pnpm), installing
// both into the ignored .tools/ folder when the machine only has an older Node and npm.
// Usage: node scripts/bootstrap.mjs <pnpm script> [args...]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.tools');
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// pnpm is pinned in engines.pnpm rather than `packageManager`: pnpm 12 then tries to record
// itself in the lockfile and `install --frozen-lockfile` fails (pnpm/pnpm#14124).
const pnpmVersion = rootPkg.engines.pnpm;
const REQUIRED_NODE_MAJOR = 22;
const NODE_PACKAGE_VERSION = '24';

function log(message) {
  process.stderr.write(`[allot] ${message}\n`);
}

function nodeBinDir() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= REQUIRED_NODE_MAJOR) return dirname(process.execPath);
  const pkg = `node-${process.platform}-${process.arch}`;
  const bin = join(tools, 'node_modules', pkg, 'bin');
  if (!existsSync(join(bin, 'node'))) {
    log(
      `Node ${process.versions.node} is older than ${REQUIRED_NODE_MAJOR}; installing Node ${NODE_PACKAGE_VERSION} into .tools/`,
    );
    npmInstall([`${pkg}@${NODE_PACKAGE_VERSION}`, `pnpm@${pnpmVersion}`]);
  }
  return bin;
}

function npmInstall(specs) {
  execFileSync(
    'npm',
    ['install', '--prefix', tools, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', ...specs],
    {
      stdio: 'inherit',
      shell: process.platform === 'win32',
    },
  );
}

function pnpmBinDir(nodeBin) {
  const bin = join(tools, 'node_modules', '.bin');
  const installed = join(tools, 'node_modules', 'pnpm', 'package.json');
  const current = existsSync(installed) ? JSON.parse(readFileSync(installed, 'utf8')).version : null;
  if (current !== pnpmVersion) {
    log(`installing pnpm ${pnpmVersion} into .tools/`);
    const major = Number(process.versions.node.split('.')[0]);
    // Keep the Node package installed alongside pnpm: `npm install --no-save` prunes what it does not list.
    const specs = [`pnpm@${pnpmVersion}`];
    if (major < REQUIRED_NODE_MAJOR)
      specs.push(`node-${process.platform}-${process.arch}@${NODE_PACKAGE_VERSION}`);
    npmInstall(specs);
  }
  return { bin, nodeBin };
}

const [script, ...args] = process.argv.slice(2);
if (!script) {
  log('usage: node scripts/bootstrap.mjs <script> [args...] | --path');
  process.exit(2);
}
const nodeBin = nodeBinDir();
const { bin } = pnpmBinDir(nodeBin);
const separator = process.platform === 'win32' ? ';' : ':';
if (script === '--path') {
  // For shell scripts: export PATH="$(node scripts/bootstrap.mjs --path):$PATH"
  process.stdout.write([nodeBin, bin].join(separator));
  process.exit(0);
}
const env = { ...process.env, PATH: [nodeBin, bin, process.env.PATH].join(separator) };
const pnpm = join(bin, process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm');

function run(cmdArgs) {
  const result = spawnSync(pnpm, cmdArgs, { cwd: root, env, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Fast when nothing changed; keeps node_modules in step with the lockfile after a pull.
run(['install', '--frozen-lockfile']);
run(['run', script, ...args]);
