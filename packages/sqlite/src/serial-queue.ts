/**
 * Runs tasks one at a time, in arrival order. better-sqlite3 is synchronous but a transaction
 * callback awaits between statements, so the store queues transactions (and plain reads behind
 * them) to keep one logical transaction on the connection at a time.
 */
export class SerialQueue {
  private active = false;
  private readonly waiting: (() => void)[] = [];

  /** Runs `task` once every earlier task has finished. */
  async run<T>(task: () => Promise<T> | T): Promise<T> {
    if (this.active) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active = true;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active = false;
    }
  }

  /** Like {@link run} for a synchronous task, without a detour through the queue when it is idle. */
  runSync<T>(task: () => T): Promise<T> {
    if (this.active) return this.run(task);
    try {
      return Promise.resolve(task());
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
