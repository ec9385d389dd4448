import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../src/cluster';

// What a newcomer does: clone, `npm test`, `npm start`, with nothing set and nothing installed
// beyond Node and npm — no ALLOT_TEST_PG_URL, no Docker, no system Chromium (hidden from the
// provider), and the machine's own Node first on PATH (so the clone bootstraps its toolchain).

const repo = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
const work = mkdtempSync(join(tmpdir(), 'allot-fresh-'));
const clone = join(work, 'allot');

/** The environment of a machine that has only Node and npm. */
function newcomerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(VITEST|ALLOT_|CHROMIUM_PATH$|DATABASE_URL$|NODE_ENV$|npm_|PNPM_)/.test(name)) continue;
    env[name] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !dir.includes(`${join('.tools', 'node_modules')}`) && !dir.includes('node_modules/.bin'))
    .join(delimiter);
  // Hide an installed Chromium; force the embedded PostgreSQL even where Docker answers.
  return { ...env, ALLOT_TEST_SYSTEM_CHROMIUM: '0', ALLOT_TEST_PG: 'embedded', ...extra };
}

/** What each command printed, by name. */
const logs: Record<string, string> = {};

function run(command: string, args: string[], env: NodeJS.ProcessEnv, log: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code) => {
      logs[log] = output;
      resolve(code ?? 1);
    });
  });
}

beforeAll(() => {
  execFileSync('git', ['clone', '--quiet', repo, clone]);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

it('npm test passes with 0 failed and nothing skipped', async () => {
  const report = join(work, 'report.json');
  const code = await run(
    'npm',
    ['test', '--silent', '--', '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`],
    newcomerEnv(),
    'npm test',
  );
  const tail = (logs['npm test'] ?? '').split('\n').slice(-40).join('\n');
  expect(code, tail).toBe(0);
  const result = JSON.parse(readFileSync(report, 'utf8')) as {
    numTotalTests: number;
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  console.log(
    `fresh clone: ${result.numPassedTests} passed, ${result.numFailedTests} failed, ` +
      `${result.numPendingTests} skipped, ${result.numTodoTests} todo`,
  );
  expect(logs['npm test']).toContain('tests use PostgreSQL from embedded');
  expect(result).toMatchObject({ numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 });
  expect(result.numPassedTests).toBe(result.numTotalTests);
  expect(result.numPassedTests).toBeGreaterThan(1000);
});

it('npm start serves the dashboard with its demo data', async () => {
  const port = await freePort();
  const env = newcomerEnv({
    PORT: String(port),
    HOST: '127.0.0.1',
    ALLOT_DEMO_DB: join(work, 'demo.sqlite'),
  });
  const child: ChildProcess = spawn('npm', ['start'], { cwd: clone, env, stdio: 'ignore', detached: true });
  try {
    const base = `http://127.0.0.1:${port}`;
    const started = Date.now();
    let page: Response | undefined;
    while (!page?.ok) {
      if (Date.now() - started > 180_000) throw new Error('npm start did not answer within 3 minutes');
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      page = await fetch(base).catch(() => undefined);
    }
    expect(await page.text()).toContain('<div id="root">');
    const demo = (await (await fetch(`${base}/api/demo/users`)).json()) as { users: unknown[] };
    expect(demo.users.length).toBeGreaterThan(1);
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  }
});
