import { type ChildProcess, spawn } from 'node:child_process';

/** Busy processes that raise the machine's load while they run. */
export function startCpuBurners(count: number): { stop(): void } {
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    children.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  }
  return { stop: () => children.forEach((c) => c.kill('SIGKILL')) };
}
