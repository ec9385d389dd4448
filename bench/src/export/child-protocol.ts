/** How the export child opens the store the parent seeded. */
export type ChildStore =
  | { kind: 'postgres'; connectionString: string; schema: string }
  | { kind: 'sqlite'; filename: string };

/** The export child's task: export every entry of `orgId` through the public API or the Express route. */
export interface ChildTask {
  store: ChildStore;
  orgId: string;
  mode: 'api' | 'express';
}

/** Messages the child sends over IPC. */
export type ChildMessage =
  | { type: 'listening'; port: number }
  | {
      type: 'done';
      /** Data rows (the header excluded) the child produced; 0 in express mode (the parent counts). */
      rows: number;
      bytes: number;
      seconds: number;
      /** Peak resident set size of the child (VmHWM on Linux, else process.resourceUsage().maxRSS). */
      maxRssMb: number;
      /** The peak before the export started (modules loaded, store open). */
      rssBeforeMb: number;
      /** The live JS heap (after a full GC) before and after the export, in MB. */
      liveHeap: { before: number; after: number };
    };

/** Messages the parent sends over IPC. */
export type ParentMessage = { type: 'finish' };
