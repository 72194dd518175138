import { readFileSync } from 'node:fs';

/** A process's state letter and CPU ticks (utime + stime), straight from /proc/<pid>/stat; null once it is gone. */
export function readProcStat(pid: number): { state: string; cpuTicks: number } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: f[0] as string, cpuTicks: Number(f[11]) + Number(f[12]) };
}

/** A "Name:   123 kB" field of /proc/<pid>/status, in kB. */
export function statusKb(pid: number, field: 'VmHWM' | 'VmRSS' | 'RssAnon'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]);
}

/** Zombies count as gone: they no longer run, only wait for their parent. */
export function isGone(pid: number): boolean {
  const s = readProcStat(pid);
  return s === null || s.state === 'Z';
}

/** Polls `check` until it returns true, or fails after `timeoutMs` with `what`. */
export async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Waits until a process just started has exec'd into `comm` and sleeps: until then it may still
 * be its parent's fork, or running (R) on a busy machine.
 */
export async function waitAsleep(pid: number, comm: string, timeoutMs = 10_000): Promise<void> {
  await waitUntil(
    `${comm} (${pid}) asleep`,
    () => readProcStat(pid)?.state === 'S' && readFileSync(`/proc/${pid}/comm`, 'utf8') === `${comm}\n`,
    timeoutMs,
  );
}

/** CPU ticks a process used over `ms` of wall time. */
export async function cpuTicksOver(pid: number, ms: number): Promise<number> {
  const before = readProcStat(pid)?.cpuTicks ?? NaN;
  await new Promise((r) => setTimeout(r, ms));
  return (readProcStat(pid)?.cpuTicks ?? NaN) - before;
}

/**
 * Waits until a process has used `ticks` more CPU ticks: proof it runs (a frozen one never
 * gets there). Waits, rather than measuring a fixed window, since a loaded machine gives a
 * running burner less than its share.
 */
export async function waitForCpu(pid: number, ticks: number, timeoutMs = 10_000): Promise<void> {
  const before = readProcStat(pid)?.cpuTicks ?? NaN;
  await waitUntil(
    `process ${pid} to use ${ticks} CPU ticks`,
    () => (readProcStat(pid)?.cpuTicks ?? NaN) - before >= ticks,
    timeoutMs,
  );
}
