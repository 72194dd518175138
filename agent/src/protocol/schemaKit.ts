/** Building blocks for the params schemas: bounded numbers, safe strings, safe paths. */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini keeps the agent bundle small (~20 KB instead of ~450 KB for full zod); it ships
// without messages, so load the English ones.
z.config(en());

export const strictObject = z.strictObject;

export const int = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

/** The kernel's PID_MAX_LIMIT. 0 and negative numbers would address process groups in kill(2). */
export const PID_MAX = 4_194_304;
export const pid = () => int(1, PID_MAX);

/** mosrun Job IDs: a non-negative integer, 0 by default, per user. */
export const jobId = () => int(0, 2_147_483_647);

const noNul = (s: string): boolean => !s.includes('\0');

export const text = (max: number) =>
  z.string().check(z.maxLength(max), z.refine(noNul, { message: 'must not contain a NUL character' }));

/** A POSIX user name as useradd accepts it. */
export const userName = () =>
  z.string().check(z.regex(/^[a-z_][a-z0-9_.-]{0,31}\$?$/i, 'must be a user name such as "alice"'));

/**
 * An absolute, already-normalised path: no "." or ".." segments, no empty segments, no NUL.
 * A path that needs resolving is refused rather than resolved, so what runs is what was asked.
 */
export function isCleanAbsolutePath(path: string): boolean {
  if (!path.startsWith('/') || path.includes('\0')) return false;
  if (path === '/') return true;
  return path
    .slice(1)
    .split('/')
    .every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

export const absolutePath = () =>
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(4096),
      z.refine(isCleanAbsolutePath, { message: 'must be an absolute path without ".", ".." or empty segments' }),
    );

/** The names of a run's record: made by the agent, checked so they can never address another file. */
export const runId = () => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a run id from jobs.list'));
