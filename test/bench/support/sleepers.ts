/**
 * Many idle processes, so a process scan has a realistic table to read. Each is `sleep 600`
 * with a parent-death signal: if the bench itself is SIGKILLed, the kernel still kills them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { killAndWait, track, withParentDeath } from './cleanup';
import { sleep } from './format';

export interface Sleepers {
  pids: Set<number>;
  /** Kills them all and waits until each is reaped. */
  stop(): Promise<void>;
}

function isSleeping(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8') === 'sleep\x00600\x00';
  } catch {
    return false;
  }
}

export async function startSleepers(count: number): Promise<Sleepers> {
  const [command, args] = withParentDeath('sleep', ['600']);
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    const child = spawn(command, args, { detached: false, stdio: 'ignore' });
    children.push(track(child));
    if (child.pid === undefined) throw new Error(`could not start sleeper ${i + 1} of ${count}`);
  }
  const pids = new Set(children.map((c) => c.pid as number));
  // setpriv execs sleep: wait until every one is really `sleep 600`, so both scanners see the same table.
  const deadline = Date.now() + 60_000;
  while ([...pids].some((pid) => !isSleeping(pid))) {
    if (Date.now() > deadline) throw new Error('sleepers did not all start within 60 s');
    await sleep(100);
  }
  return {
    pids,
    stop: () => killAndWait(children),
  };
}
