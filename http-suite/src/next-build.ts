import { execFileSync } from 'node:child_process';
import { NEXT_APP_DIR, nextBin } from './next-app';

/** Vitest global setup of the http-suite project: `next build` of the example, once per run. */
export default function buildNextApp(): void {
  try {
    execFileSync(process.execPath, [nextBin(), 'build', '--webpack'], {
      cwd: NEXT_APP_DIR,
      stdio: 'pipe',
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`next build of ${NEXT_APP_DIR} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}
