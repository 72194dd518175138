import type { Client } from 'ssh2';

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** The exit status, or null when the command was killed by a signal. */
  code: number | null;
}

export interface ExecBytesResult {
  stdout: Buffer;
  stderr: string;
  code: number | null;
  /** True when stdout went past `maxBytes` and the rest was dropped. */
  truncated: boolean;
}

export interface ExecOptions {
  /** Written to the command's stdin, which is then closed (closed at once without it). */
  stdin?: Buffer;
  timeoutMs?: number;
  /** Output kept of stdout (and of stderr); the rest is dropped. */
  maxBytes?: number;
}

/** The first word of the script, for messages: never the whole command line. */
function label(command: string): string {
  const inner = /^exec \/bin\/sh -c '(.*)'$/.exec(command)?.[1] ?? command;
  return inner.split(' ')[0] ?? inner;
}

/**
 * Runs a FIXED command on the node (never one built from user input; see posixCommand) and
 * collects its output as bytes, with a time limit and a size limit.
 */
export function execBytes(client: Client, command: string, options: ExecOptions = {}): Promise<ExecBytesResult> {
  const { timeoutMs = 10_000, maxBytes = 64 * 1024 } = options;
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => {
      if (err) return reject(err);
      const out: Buffer[] = [];
      let kept = 0;
      let truncated = false;
      let stderr = '';
      let code: number | null = null;
      const timer = setTimeout(() => {
        channel.close();
        reject(new Error(`"${label(command)}" did not finish within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      channel.on('data', (d: Buffer) => {
        if (kept + d.length > maxBytes) truncated = true;
        const part = d.subarray(0, Math.max(0, maxBytes - kept));
        out.push(part);
        kept += part.length;
      });
      channel.stderr.on('data', (d: Buffer) => {
        if (stderr.length < maxBytes) stderr += d.toString('utf8');
      });
      channel.on('exit', (status: number | null) => {
        code = typeof status === 'number' ? status : null;
      });
      // A write after the channel died must not crash the hub; 'close' settles the call.
      channel.on('error', () => undefined);
      channel.on('close', () => {
        clearTimeout(timer);
        resolve({ stdout: Buffer.concat(out), stderr, code, truncated });
      });
      channel.end(options.stdin);
    });
  });
}

/** execBytes with stdout as text: for probes and other short answers. */
export async function execCapture(
  client: Client,
  command: string,
  timeoutMs = 10_000,
  maxBytes = 64 * 1024,
): Promise<ExecResult> {
  const r = await execBytes(client, command, { timeoutMs, maxBytes });
  return { stdout: r.stdout.toString('utf8'), stderr: r.stderr, code: r.code };
}
