/**
 * At most `size` holders at a time; the rest wait in arrival order. Lets the sender know when a
 * message's SMTP exchange really starts (the pool would otherwise queue it out of sight).
 */
export class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, or back to the pool.
      if (next) next();
      else this.free += 1;
    }
  }
}
