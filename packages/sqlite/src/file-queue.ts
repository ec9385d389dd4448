import { AsyncLocalStorage } from 'node:async_hooks';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { SerialQueue } from './serial-queue';

/**
 * The queue every store (and `migrate()`) on one database file in this process runs its
 * transactions on, and the marker of "inside one of their transactions".
 */
export interface FileQueue {
  readonly queue: SerialQueue;
  readonly inTransaction: AsyncLocalStorage<true>;
  /** Gives the queue back; the last user of a file drops it. Call once, when done with it. */
  release(): void;
}

interface Shared {
  queue: SerialQueue;
  inTransaction: AsyncLocalStorage<true>;
  users: number;
}

const byFile = new Map<string, Shared>();

/** The file's canonical path (symlinks and relative spellings resolved), null for a private database. */
function fileKey(database: Database.Database): string | null {
  if (database.memory) return null;
  const path = resolve(database.name);
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * The queue of `database`'s file, shared by every connection to that file in this process.
 *
 * better-sqlite3 is synchronous: a connection waiting for SQLite's write lock (its busy timeout)
 * blocks the event loop, so another connection of the same process can never finish the
 * transaction that holds the lock. Two stores on one file therefore take turns on one queue
 * instead, and only other processes ever wait on the busy timeout. A private database
 * (`:memory:` or a temporary one) gets a queue of its own.
 */
export function fileQueue(database: Database.Database): FileQueue {
  const key = fileKey(database);
  const shared: Shared = (key !== null && byFile.get(key)) || {
    queue: new SerialQueue(),
    inTransaction: new AsyncLocalStorage<true>(),
    users: 0,
  };
  shared.users++;
  if (key !== null) byFile.set(key, shared);
  let released = false;
  return {
    queue: shared.queue,
    inTransaction: shared.inTransaction,
    release() {
      if (released) return;
      released = true;
      shared.users--;
      if (key !== null && shared.users === 0 && byFile.get(key) === shared) byFile.delete(key);
    },
  };
}
