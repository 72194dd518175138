import { relative, sep } from 'node:path';
import { ROOT } from '../paths';

/** Problems are collected rather than thrown, so one run reports everything that is wrong. */
export const problems: string[] = [];
let passedCount = 0;

export function problem(message: string): void {
  problems.push(message);
}

/** Records one check: prints `passMessage` if `ok`, else files `failMessage` as a problem. */
export function check(ok: boolean, passMessage: string, failMessage: string): boolean {
  if (ok) {
    passedCount += 1;
    console.log(`  ok  ${passMessage}`);
  } else {
    problem(failMessage);
  }
  return ok;
}

export const passed = (): number => passedCount;

/** A path as the user would type it: relative to the repository root, with forward slashes. */
export const rel = (file: string): string => relative(ROOT, file).split(sep).join('/');

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** "a, b, c and 4 more": keeps a problem line readable when a glob matches hundreds of files. */
export function someOf(items: string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
