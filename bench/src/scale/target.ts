import type { Allot, LedgerFilterInput } from '@allot/core';
import type { ChildStore } from '../export/child-protocol';

/** One analytics filter of case 5, in the public API's input shape. */
export interface NamedFilter {
  name: string;
  filter: LedgerFilterInput;
}

/** What the scale cases (4–6) need from one store: seeding, the public API and hand-written SQL. */
export interface ScaleTarget {
  name: 'Postgres' | 'SQLite';
  orgId: string;
  members: number;
  /** The public API on the store, with the real clock. */
  allot: Allot;
  /** Appends `count` seeded journal entries (batch numbers start at 1 and are unique). */
  seed(count: number, batch: number): Promise<void>;
  /** Journal entries of the organization. */
  journalCount(): Promise<number>;
  /** Refreshes planner statistics after seeding. */
  analyze(): Promise<void>;
  /** The hand-written equivalent of `summary` (same indexes). */
  handSummary(filter: NamedFilter['filter']): Promise<void>;
  /** The hand-written equivalent of the first `ledger` page (same indexes). */
  handFirstPage(filter: NamedFilter['filter'], limit: number): Promise<void>;
  /** The export baseline over every entry: rows and seconds. */
  exportBaseline(): Promise<{ rows: number; seconds: number; command: string }>;
  /** How the export child process opens the same store. */
  childStore: ChildStore;
  /** Query plans worth showing when a read misses its target. */
  explain(filter: NamedFilter['filter'], kind: 'summary' | 'page'): Promise<string>;
  /** The seeding method, for the report. */
  seedDescription: string;
  close(): Promise<void>;
}
