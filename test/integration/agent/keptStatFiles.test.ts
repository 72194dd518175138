/**
 * A stream's stat files kept open between scans (KeptStatFiles) on the real /proc: a kept file
 * reads the process's line as it is now, and once the process has gone it says so and is closed.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ProcFiles } from '../../../agent/src/engines/linux/processes/procFiles';
import { KeptStatFiles } from '../../../agent/src/engines/linux/processes/statFiles';
import { parsePidStat } from '../../../agent/src/parsers/procPidStat';

const openFiles = (): number => readdirSync('/proc/self/fd').length;

it('rereads a kept stat file afresh, then drops it when the process ends', async () => {
  const busy = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  const pid = busy.pid as number;
  const kept = new KeptStatFiles(new ProcFiles());
  const before = openFiles();
  const scan = (): number | undefined => {
    kept.beginScan();
    const text = kept.read(pid);
    kept.endScan();
    return text === null ? undefined : parsePidStat(text).cpuTicks;
  };
  const first = scan() ?? 0;
  expect(openFiles()).toBe(before + 1);
  await new Promise((r) => setTimeout(r, 300));
  expect(scan()).toBeGreaterThan(first); // the same file, read again from 0
  expect(openFiles()).toBe(before + 1);
  busy.kill('SIGKILL');
  await new Promise((r) => busy.once('exit', r));
  expect(scan()).toBeUndefined();
  expect(openFiles()).toBe(before);
  kept.close();
});

it('closes the files of processes no longer read, and all of them on close', () => {
  const kept = new KeptStatFiles(new ProcFiles());
  const before = openFiles();
  kept.beginScan();
  expect(kept.read(process.pid)).toContain(`${process.pid} (`);
  expect(kept.read(process.ppid)).not.toBeNull();
  kept.endScan();
  expect(openFiles()).toBe(before + 2);
  kept.beginScan();
  kept.read(process.pid);
  kept.endScan();
  expect(openFiles()).toBe(before + 1);
  kept.close();
  expect(openFiles()).toBe(before);
});
