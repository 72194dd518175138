/**
 * Every process a bench starts is registered here and killed when the bench ends, however it
 * ends: normal exit, a thrown error, Ctrl-C or SIGTERM. A SIGKILLed bench runs no handler, so
 * long-lived children are also started with a parent-death signal (see withParentDeath).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

const SETPRIV = '/usr/bin/setpriv';

/**
 * `[command, ...args]` run through util-linux's `setpriv --pdeathsig KILL`, which execs it (same
 * pid, same command line) after asking the kernel to SIGKILL it when the bench dies. Unchanged
 * when setpriv is missing.
 */
export function withParentDeath(command: string, args: string[]): [string, string[]] {
  return existsSync(SETPRIV) ? [SETPRIV, ['--pdeathsig', 'KILL', command, ...args]] : [command, args];
}

const tracked = new Set<ChildProcess>();
let installed = false;

export function track<C extends ChildProcess>(child: C): C {
  tracked.add(child);
  child.once('exit', () => tracked.delete(child));
  return child;
}

/** SIGKILLs everything still running; safe to call more than once, and from an 'exit' handler. */
export function killAll(): void {
  for (const child of tracked) if (running(child)) child.kill('SIGKILL');
  tracked.clear();
}

const running = (c: ChildProcess): boolean => c.exitCode === null && c.signalCode === null;

/** SIGKILLs `children` and waits until each has been reaped, so "cleaned up" is a fact, not a hope. */
export async function killAndWait(children: ChildProcess[], timeoutMs = 10_000): Promise<void> {
  const live = children.filter(running);
  const exited = live.map((c) => new Promise<void>((resolve) => c.once('exit', () => resolve())));
  for (const c of live) c.kill('SIGKILL');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([Promise.all(exited), timeout]);
  clearTimeout(timer);
  const left = children.filter(running).length;
  if (left > 0) throw new Error(`${left} child process(es) still running ${timeoutMs} ms after SIGKILL`);
}

export function liveCount(): number {
  return [...tracked].filter(running).length;
}

export function installCleanup(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.on(signal, () => {
      console.error(`\nbench: ${signal}, killing ${liveCount()} child process(es)`);
      killAll();
      process.exit(code);
    });
  }
}
