import { hostProblem, MAX_NODES, parseIPv4, quote } from '../../../mosixConfig/fields';

/**
 * Thrown by the argument builders for a value that must not reach a MOSIX tool. The argv goes
 * to execFile, so no shell reads it, but a value starting with `-` would still be read as an
 * option by the tool itself: every value is checked against a narrow pattern first.
 */
export class MosixArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MosixArgumentError';
  }
}

/** Linux never hands out a PID above 2^22 (PID_MAX_LIMIT). */
export const MAX_PID = 4_194_304;
/** Job IDs are per-user integers, 0 by default; MOSIX does not document a ceiling. */
export const MAX_JOB_ID = 2_147_483_647;
/**
 * Queue priorities: lower runs first, 50 by default. MOSIX documents no upper bound; 1000 is
 * this app's ceiling, well above anything the tutorials use.
 */
export const MAX_QUEUE_PRIORITY = 1000;

function bad(what: string, value: unknown, expected: string): never {
  const shown = typeof value === 'string' ? quote(value) : String(value);
  throw new MosixArgumentError(`${what} ${shown} is not valid: expected ${expected}.`);
}

/** A whole number in [min, max], as a decimal string. */
export function checkedInteger(what: string, value: unknown, min: number, max: number): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max)
    bad(what, value, `a whole number from ${min} to ${max}`);
  return String(value);
}

export const checkedPid = (pid: unknown) => checkedInteger('The PID', pid, 1, MAX_PID);
export const checkedJobId = (jobId: unknown) => checkedInteger('The Job ID', jobId, 0, MAX_JOB_ID);
export const checkedPriority = (priority: unknown) =>
  checkedInteger('The queue priority', priority, 0, MAX_QUEUE_PRIORITY);

/**
 * A node as migrate and mosctl take it: a logical node number, an IPv4 address or a host name.
 * None of the three can start with `-`, so the value can never be read as an option.
 */
export function checkedNode(node: unknown): string {
  const expected = 'a node number (1-65535), an IPv4 address or a host name';
  if (typeof node !== 'string') return bad('The node', node, expected);
  if (/^\d+$/.test(node)) {
    // No leading zeros: a tool reading the number with strtol(..., 0) would take 010 as octal.
    if (!/^[1-9]\d*$/.test(node)) bad('The node number', node, 'a number without leading zeros');
    checkedInteger('The node number', Number(node), 1, MAX_NODES);
    return node;
  }
  if (/^[\d.]+$/.test(node)) return parseIPv4(node) === undefined ? bad('The node', node, 'an IPv4 address') : node;
  if (node.startsWith('-') || hostProblem(node) !== undefined) bad('The node', node, expected);
  return node;
}

/** One of the strings in `allowed`. */
export function checkedChoice<T extends string>(what: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    bad(what, value, `one of ${allowed.join(', ')}`);
  return value as T;
}

/** A plain object, for inputs that may come from JSON. */
export function checkedObject(what: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(what, value, 'an object');
  return value as Record<string, unknown>;
}
