import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/**
 * Runs a command and counts the lines of its stdout as they stream (nothing is kept), timing it
 * from spawn to exit.
 */
export function countOutputLines(
  command: string,
  args: string[],
): Promise<{ lines: number; bytes: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.byteLength;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`));
      else resolve({ lines, bytes, seconds: (performance.now() - started) / 1000 });
    });
  });
}
