import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { Call } from '../model/calls';

/** One line of a crash worker's logs. */
export type LogLine =
  | { kind: 'intent'; key: string; call: Call }
  | { kind: 'ack'; key: string; entryId: string | null; wrote: boolean }
  | { kind: 'refused'; key: string; code: string };

/** An append-only log file; every line is on disk (fsync) before `append` returns. */
export class DurableLog {
  private readonly fd: number;
  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }
  append(line: LogLine): void {
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
    fsyncSync(this.fd);
  }
  close(): void {
    closeSync(this.fd);
  }
}

/** Reads a log; a last line cut short by a kill (no newline yet) is ignored. */
export function readLog(path: string): LogLine[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as LogLine);
}

/** What a killed worker had sent, seen, and left in flight. */
export interface CrashLedger {
  intents: Map<string, Call>;
  acked: Map<string, { entryId: string | null; wrote: boolean }>;
  refused: Set<string>;
  /** Sent but neither acknowledged nor refused when the process died. */
  inFlight: Map<string, Call>;
}

export function ledgerOf(path: string): CrashLedger {
  const intents = new Map<string, Call>();
  const acked = new Map<string, { entryId: string | null; wrote: boolean }>();
  const refused = new Set<string>();
  for (const line of readLog(path)) {
    if (line.kind === 'intent') intents.set(line.key, line.call);
    else if (line.kind === 'ack') acked.set(line.key, { entryId: line.entryId, wrote: line.wrote });
    else refused.add(line.key);
  }
  const inFlight = new Map([...intents].filter(([key]) => !acked.has(key) && !refused.has(key)));
  return { intents, acked, refused, inFlight };
}
