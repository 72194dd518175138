/** A testload's progress, in a file of the shared dir that its deputy and its guests all update. */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PROGRESS } from './paths';
import type { Ref } from './records';
import { writeAtomic } from './store';

export interface Progress {
  /** CPU time burnt so far, on whichever node it ran. */
  cpuMs: number;
  /** When it is done; 0: never. */
  limitMs: number;
}

export const progressPath = (ref: Ref) => join(PROGRESS, `${ref.home}-${ref.pid}.json`);

export function readProgress(ref: Ref): Progress | undefined {
  try {
    return JSON.parse(readFileSync(progressPath(ref), 'utf8')) as Progress;
  } catch {
    return undefined;
  }
}

export function writeProgress(ref: Ref, p: Progress): void {
  mkdirSync(PROGRESS, { recursive: true, mode: 0o777 });
  writeAtomic(progressPath(ref), `${JSON.stringify(p)}\n`);
}

/** Adds CPU time to the file (whoever ran before us may have added some); returns the total. */
export function addProgress(ref: Ref, cpuMs: number, limitMs: number): Progress {
  const before = readProgress(ref) ?? { cpuMs: 0, limitMs };
  const after = { cpuMs: before.cpuMs + cpuMs, limitMs: before.limitMs };
  writeProgress(ref, after);
  return after;
}

export function removeProgress(ref: Ref): void {
  rmSync(progressPath(ref), { force: true });
}
