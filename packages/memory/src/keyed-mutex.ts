/** Exclusive locks by name, handed out in request order (like row locks in a database). */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  /** Waits for `key` and returns the function that releases it. */
  async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}
