/**
 * At most `limit` tasks at once, the rest wait in order: connecting to 500 nodes at once
 * would trip sshd's MaxStartups on shared jump hosts and the workstation's own limits.
 */
export class Fanout {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A freed slot passes straight to the first waiter: were it counted free until the waiter
    // wakes up, a caller in between would take it too and run beside the waiter.
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
