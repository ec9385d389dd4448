/** Progress output: one line per finished step, to stderr so stdout stays the figures. */
export type Log = (line: string) => void;

const started = Date.now();

/** Logs with the seconds since the benchmark started. */
export const log: Log = (line) => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[${seconds}s] ${line}\n`);
};
