/**
 * At most `limit` tasks at once, the rest wait in order: connecting to 500 nodes at once
 * would trip sshd's MaxStartups on shared jump hosts and the workstation's own limits.
 */
export class Fanout {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
