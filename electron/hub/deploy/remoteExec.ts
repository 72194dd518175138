import type { Client } from 'ssh2';

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** The exit status, or null when the command was killed by a signal. */
  code: number | null;
}

/**
 * Runs a FIXED command on the node (never one built from user input) and collects its output,
 * with a time limit and a size limit.
 */
export function execCapture(
  client: Client,
  command: string,
  timeoutMs = 10_000,
  maxBytes = 64 * 1024,
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      const timer = setTimeout(() => {
        channel.close();
        reject(new Error(`"${command.split(' ')[0]}" did not finish within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      channel.on('data', (d: Buffer) => {
        if (stdout.length < maxBytes) stdout += d.toString('utf8');
      });
      channel.stderr.on('data', (d: Buffer) => {
        if (stderr.length < maxBytes) stderr += d.toString('utf8');
      });
      channel.on('exit', (status: number | null) => {
        code = typeof status === 'number' ? status : null;
      });
      channel.on('close', () => {
        clearTimeout(timer);
        resolve({ stdout, stderr, code });
      });
    });
  });
}
