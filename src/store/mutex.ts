/**
 * An in-process async mutex: holders run one after another, in the order they asked.
 * `busy` tells a caller at no cost whether it would have to wait.
 */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  /** True while a holder runs or waits. */
  get busy(): boolean {
    return this.waiting > 0;
  }

  /** Runs `fn` once every earlier holder is done; nobody else holds the mutex until `fn` settles. */
  async run<T>(fn: () => Promise<T> | T): Promise<T> {
    this.waiting++;
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    try {
      await previous;
      return await fn();
    } finally {
      this.waiting--;
      release();
    }
  }
}
