import { readFile } from 'node:fs/promises';

/** Reads a small kernel text file. Kept in one place so every figure goes through it. */
export function readProcText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

export const PROC = {
  loadavg: '/proc/loadavg',
  meminfo: '/proc/meminfo',
  uptime: '/proc/uptime',
  cpuinfo: '/proc/cpuinfo',
  hostname: '/proc/sys/kernel/hostname',
  osrelease: '/proc/sys/kernel/osrelease',
  cpusOnline: '/sys/devices/system/cpu/online',
} as const;
