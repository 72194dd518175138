import { MosixArgumentError } from './argCheck';

/**
 * Linux signal numbers on x86 and ARM (the architectures MOSIX runs on; a few differ on MIPS,
 * Alpha and SPARC). moskillall takes a signal kill-style as `-9`, and only the numeric form is
 * confirmed, so names are turned into numbers here rather than passed as `-TERM`.
 */
const SIGNAL_NUMBERS: Record<string, number> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ILL: 4,
  TRAP: 5,
  ABRT: 6,
  IOT: 6,
  BUS: 7,
  FPE: 8,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  STKFLT: 16,
  CHLD: 17,
  CONT: 18,
  STOP: 19,
  TSTP: 20,
  TTIN: 21,
  TTOU: 22,
  URG: 23,
  XCPU: 24,
  XFSZ: 25,
  VTALRM: 26,
  PROF: 27,
  WINCH: 28,
  IO: 29,
  POLL: 29,
  PWR: 30,
  SYS: 31,
};

/** The highest real-time signal on Linux (SIGRTMAX). */
const MAX_SIGNAL = 64;

/** A signal given as a number (1-64) or a name ("SIGTERM", "TERM", "term"), as its number. */
export function signalNumber(signal: unknown): number {
  if (typeof signal === 'number') {
    if (Number.isSafeInteger(signal) && signal >= 1 && signal <= MAX_SIGNAL) return signal;
  } else if (typeof signal === 'string') {
    const name = signal.toUpperCase().replace(/^SIG/, '');
    if (Object.hasOwn(SIGNAL_NUMBERS, name)) return SIGNAL_NUMBERS[name] as number;
  }
  const shown = typeof signal === 'string' ? JSON.stringify(signal.slice(0, 40)) : String(signal);
  throw new MosixArgumentError(
    `The signal ${shown} is not valid: expected a number from 1 to ${MAX_SIGNAL} or a name such as SIGTERM.`,
  );
}
