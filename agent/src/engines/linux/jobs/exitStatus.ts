import { constants } from 'node:os';
import type { JobExit } from '../../../protocol/jobTypes';

const signalNames = new Map(Object.entries(constants.signals).map(([name, num]) => [num, name]));

/**
 * Decodes the status the launcher shell recorded (`$?` of `wait`): 128 + N means signal N.
 * A program that itself exits with 129..192 reads as killed by a signal; shells cannot tell
 * these apart, and such exit codes are rare.
 */
export function decodeExitStatus(text: string, at: number): JobExit | null {
  const status = Number(text.trim());
  if (!/^\d{1,3}$/.test(text.trim()) || status > 255) return null;
  if (status > 128 && signalNames.has(status - 128)) {
    return { code: null, signal: signalNames.get(status - 128) ?? null, at };
  }
  return { code: status, signal: null, at };
}
