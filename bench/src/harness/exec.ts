import { spawn } from 'node:child_process';

/** Output of a finished command. */
export interface Exec {
  stdout: string;
  stderr: string;
}

/**
 * Runs a command (no shell) and resolves with its output; rejects with the stderr when it
 * exits non-zero.
 */
export function exec(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Exec> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else
        reject(
          new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.trim() || stdout.trim()}`),
        );
    });
  });
}

/** A command line as a person would type it (for the report). */
export function commandLine(command: string, args: string[]): string {
  return [
    command,
    ...args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`)),
  ].join(' ');
}
