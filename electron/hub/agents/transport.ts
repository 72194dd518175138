import type { Readable, Writable } from 'node:stream';

/**
 * A byte pipe to one agent: a local child process today, an SSH exec channel later.
 * `onClose` fires once, with a sentence saying why the pipe ended.
 */
export interface AgentTransport {
  readonly input: Writable;
  readonly output: Readable;
  onClose(cb: (reason: string) => void): void;
  close(): void;
}
