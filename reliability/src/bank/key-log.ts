import { type Call, keyOf } from '../model/calls';
import { entryIdOf } from '../model/decide';
import type { Outcome } from '../support/results';
import { ALLOWED } from './allowed';
import type { WorkerReport } from './protocol';

interface KeyRecord {
  call: Call;
  /** JSON of every successful answer (all must be equal). */
  answers: string[];
  wrote: boolean;
}

/** What one worker saw, key by key, turned into its {@link WorkerReport}. */
export class KeyLog {
  private readonly keys = new Map<string, KeyRecord>();
  private readonly entryIds = new Set<string>();
  private readonly codes: Record<string, number> = {};
  private readonly byKind: Record<string, Record<string, number>> = {};
  readonly unexpected: string[] = [];
  operations = 0;
  duplicates = 0;
  concurrentDuplicates = 0;
  retries = 0;
  batches = 0;
  slowestMs = 0;

  constructor(private readonly workerId: number) {}

  record(call: Call, outcome: Outcome<unknown>): void {
    this.operations += 1;
    const code = outcome.ok ? 'ok' : outcome.error.code;
    this.codes[code] = (this.codes[code] ?? 0) + 1;
    const kind = this.byKind[call.kind] ?? {};
    kind[code] = (kind[code] ?? 0) + 1;
    this.byKind[call.kind] = kind;
    if (!outcome.ok && !ALLOWED[call.kind].includes(code)) {
      this.unexpected.push(`${call.kind} → ${code}: ${outcome.error.message}`);
    }
    const key = keyOf(call);
    if (key === undefined) return;
    const entry = this.keys.get(key) ?? { call, answers: [], wrote: false };
    this.keys.set(key, entry);
    if (!outcome.ok) return;
    entry.answers.push(JSON.stringify(outcome.value));
    const entryId = entryIdOf(call, outcome.value);
    if (entryId) this.entryIds.add(entryId);
    entry.wrote = call.kind === 'assign' ? entryId !== null : true;
  }

  report(): WorkerReport {
    const records = [...this.keys.entries()];
    return {
      workerId: this.workerId,
      operations: this.operations,
      codes: this.codes,
      codesByKind: this.byKind,
      acknowledgedEntryIds: [...this.entryIds],
      acknowledgedKeys: records.filter(([, r]) => r.answers.length > 0 && r.wrote).map(([k]) => k),
      rejectedKeys: records.filter(([, r]) => r.answers.length === 0).map(([k]) => k),
      duplicates: this.duplicates,
      concurrentDuplicates: this.concurrentDuplicates,
      duplicateMismatches: records
        .filter(([, r]) => new Set(r.answers).size > 1)
        .map(([k, r]) => `${k}: ${r.answers.join(' ≠ ')}`),
      unexpected: this.unexpected,
      consumed: records.filter(([, r]) => r.call.kind === 'consume' && r.answers.length > 0).length,
      retries: this.retries,
      batches: this.batches,
      slowestMs: this.slowestMs,
    };
  }
}
