export type LineEvent = { kind: 'line'; line: string } | { kind: 'tooLong'; bytes: number };

const NEWLINE = 0x0a;

/**
 * Splits a byte stream into lines without ever holding more than `maxBytes` of one line:
 * an oversized line is reported once (`tooLong`) and the rest of it is skipped up to its
 * newline, so a hostile 10 MB line costs no more memory than a normal one.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private discarding = false;
  private discardedBytes = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): LineEvent[] {
    const events: LineEvent[] = [];
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, start);
      const end = nl === -1 ? chunk.length : nl;
      this.take(chunk.subarray(start, end), events);
      if (nl === -1) break;
      this.endLine(events);
      start = nl + 1;
    }
    return events;
  }

  private take(part: Buffer, events: LineEvent[]): void {
    if (this.discarding) {
      this.discardedBytes += part.length;
      return;
    }
    if (this.pendingBytes + part.length > this.maxBytes) {
      this.discarding = true;
      this.discardedBytes = this.pendingBytes + part.length;
      this.pending = [];
      this.pendingBytes = 0;
      events.push({ kind: 'tooLong', bytes: this.discardedBytes });
      return;
    }
    if (part.length > 0) {
      this.pending.push(part);
      this.pendingBytes += part.length;
    }
  }

  private endLine(events: LineEvent[]): void {
    if (this.discarding) {
      this.discarding = false;
      this.discardedBytes = 0;
      return;
    }
    const line = Buffer.concat(this.pending, this.pendingBytes).toString('utf8');
    this.pending = [];
    this.pendingBytes = 0;
    if (line.trim() !== '') events.push({ kind: 'line', line });
  }
}
