import type { FrzCode, ProcClass } from '../../../protocol/procTypes';
import { hostProblem, parseIPv4, quote } from '../../../mosixConfig/fields';
import type { NodeAddress, NodeRef } from './types';

/**
 * Thrown by the field readers below and caught by each parser's line loop, which turns it into
 * a LineProblem: the public parsers never throw.
 */
export class FieldError extends Error {}

function fail(column: string, raw: string, expected: string): never {
  throw new FieldError(`${column} ${quote(raw)} is not ${expected}`);
}

/** `N/A` and `-` are how the tools print "no value". */
export function isNoValue(raw: string): boolean {
  return raw === 'N/A' || raw === '-';
}

/** A whole number >= min (at most 15 digits, so it stays exact). */
export function wholeNumber(raw: string, column: string, min = 0): number {
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < min) fail(column, raw, min > 0 ? `a number >= ${min}` : 'a number');
  return Number(raw);
}

/** A whole number, or null for N/A and `-`. */
export function optionalWholeNumber(raw: string, column: string, min = 0): number | null {
  return isNoValue(raw) ? null : wholeNumber(raw, column, min);
}

/** A decimal number such as 0.29 or 903. */
export function decimal(raw: string, column: string): number {
  if (!/^\d{1,15}(\.\d+)?$/.test(raw)) fail(column, raw, 'a number');
  return Number(raw);
}

const FRZ_CODES: readonly string[] = ['A', 'E', 'M', '-', 'N/A'] satisfies FrzCode[];

/** FRZ: A auto-frozen, E expelled, M manually frozen, - not frozen, N/A cannot be frozen. */
export function frzCode(raw: string): FrzCode {
  if (!FRZ_CODES.includes(raw)) fail('FRZ', raw, 'one of A, E, M, - or N/A');
  return raw as FrzCode;
}

/**
 * CLASS: `local` (class 0, also when printed as 0), a -G class number, `batch`, `native`, or
 * `N/A` for a job still waiting in the queue.
 */
export function procClass(raw: string): ProcClass | 'N/A' {
  if (raw === 'local' || raw === 'batch' || raw === 'native' || raw === 'N/A') return raw;
  const n = wholeNumber(raw, 'CLASS');
  return n === 0 ? 'local' : n;
}

/** A node written as an address: IPv4, logical node number or host name. */
export function nodeAddress(raw: string, column: string): NodeAddress {
  if (/^\d+$/.test(raw)) return { kind: 'number', n: wholeNumber(raw, column, 1), raw };
  if (parseIPv4(raw) !== undefined) return { kind: 'ip', address: raw, raw };
  if (hostProblem(raw) !== undefined) fail(column, raw, 'a node (host name, IPv4 address or node number)');
  return { kind: 'host', name: raw, raw };
}

/** WHERE / FROM: `here`, `queue` or an address. */
export function nodeRef(raw: string, column: string): NodeRef {
  if (raw === 'here' || raw === 'queue') return { kind: raw, raw };
  return nodeAddress(raw, column);
}

/** ps TIME: `[[DD-]HH:]MM:SS`, optionally with hundredths (`0:00.01`), as milliseconds. */
export function cpuTimeMs(raw: string): number {
  const m = /^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d\d)(?:\.(\d{1,3}))?$/.exec(raw);
  if (!m) fail('TIME', raw, 'a time such as 01:23 or 1-02:03:04');
  const n = (v: string | undefined) => Number(v ?? 0);
  const fraction = m[5] === undefined ? 0 : Number(`0.${m[5]}`);
  return Math.round((((n(m[1]) * 24 + n(m[2])) * 60 + n(m[3])) * 60 + n(m[4]) + fraction) * 1000);
}

const UNIT_BYTES: Record<string, number> = { B: 1, KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30, TB: 2 ** 40 };

/** A size as mosctl prints it (`903MB`, `0.8GB`, `512KB`), in bytes; MB means 2^20 as in MOSIX. */
export function sizeBytes(raw: string, column: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?B)?$/i.exec(raw);
  const unit = UNIT_BYTES[(m?.[2] ?? 'B').toUpperCase()];
  if (!m || unit === undefined) fail(column, raw, 'a size such as 903MB or 0.8GB');
  return Math.round(Number(m[1]) * unit);
}
