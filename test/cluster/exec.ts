/** Running programs with argument arrays (never a shell string), for the test cluster. */
import { spawn } from 'node:child_process';

export interface RunResult {
  stdout: string;
  stderr: string;
  /** Exit status; a signal or a timeout gives a negative number. */
  code: number;
}

export interface RunOptions {
  /** Written to the program's stdin, which is then closed. */
  input?: string;
  /** Killed with SIGKILL after this long (default 30 s). */
  timeoutMs?: number;
  /** The whole environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/** Runs `command args`; resolves with its output and status whatever the status is. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      ...(options.env ? { env: options.env } : {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    // A program that exits without reading its input is not an error here.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input);
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${command}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code: code ?? -1,
      });
    });
  });
}

/** Runs `command args` and returns stdout; a non-zero status throws with the program's stderr. */
export async function must(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  const r = await run(command, args, options);
  if (r.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (status ${r.code}): ${r.stderr.trim() || r.stdout.trim()}`);
  }
  return r.stdout;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it returns a value other than undefined, or throws `what` timed out. */
export async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>, everyMs = 10) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await sleep(everyMs);
  }
}

/** SIGKILLs what `list` finds until it finds nothing (processes may fork while we kill). */
export async function killUntilGone(what: string, list: () => number[] | Promise<number[]>): Promise<void> {
  await until(
    what,
    10_000,
    async () => {
      const pids = await list();
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      return pids.length === 0 ? true : undefined;
    },
    20,
  );
}
