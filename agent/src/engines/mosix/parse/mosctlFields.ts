import { quote } from '../../../mosixConfig/fields';
import { FieldError, decimal, sizeBytes, wholeNumber } from './values';

/** Available and total, in bytes (mosctl prints `Available 903MB/1010MB`). */
export interface MemoryFigure {
  availableBytes: number;
  totalBytes: number;
}

/** `Accept: Yes, will welcome processes from here`: the answer and the sentence after it. */
export interface Accept {
  yes: boolean;
  /** The sentence after the yes or no ("will welcome processes from here"), or "". */
  text: string;
}

/** One line of the `Daemons:` block, e.g. `MOSIX Daemon : Up`. */
export interface DaemonState {
  /** The name, its odd spacing tidied ("MOSIX Daemon :" -> "MOSIX Daemon"). */
  name: string;
  /** The state as printed ("Up", "Down", ...). */
  state: string;
  up: boolean;
}

/** What `mosctl status` / `localstatus` said; null for a line it did not print. */
export interface MosctlStatus {
  /** The Status text as printed ("Running Normally", or any other text). */
  status: string | null;
  /** True when Status is "Running Normally". */
  runningNormally: boolean;
  /** Load, normalised to a standard CPU. */
  load: number | null;
  /** The "(equivalent to about N CPU processes)" part. */
  loadCpuEquivalent: number | null;
  /** Speed in MOSIX units (10000 = a standard processor). */
  speed: number | null;
  cpus: number | null;
  /** Number of frozen processes. */
  frozen: number | null;
  /** Util: utilizability, in %. */
  utilPercent: number | null;
  /** Avail: YES / NO. */
  available: boolean | null;
  /** Procs: "Running N MOSIX processes". */
  mosixProcesses: number | null;
  accept: Accept | null;
  memory: MemoryFigure | null;
  swap: MemoryFigure | null;
  daemons: DaemonState[];
  /** `Guest processes from grid: 0/10`. */
  gridGuests: { current: number; max: number } | null;
  /** Lines with labels this parser does not know, as printed. */
  other: { label: string; value: string }[];
}

function fail(label: string, value: string, expected: string): never {
  throw new FieldError(`${label} ${quote(value)} is not ${expected}`);
}

function match(re: RegExp, label: string, value: string, expected: string): RegExpExecArray {
  return re.exec(value) ?? fail(label, value, expected);
}

function memory(label: string, value: string): MemoryFigure {
  const m = match(/^(?:available\s+)?(\S+)\s*\/\s*(\S+)$/i, label, value, 'like "Available 903MB/1010MB"');
  return { availableBytes: sizeBytes(m[1] as string, label), totalBytes: sizeBytes(m[2] as string, label) };
}

function yesNo(label: string, value: string): boolean {
  const m = match(/^(yes|no)$/i, label, value, 'YES or NO');
  return (m[1] as string).toLowerCase() === 'yes';
}

type Reader = (s: MosctlStatus, label: string, value: string) => void;

/** The readers, by lower-case label. */
const READERS: Record<string, Reader> = {
  status: (s, _label, value) => {
    s.status = value;
    s.runningNormally = /^running normally$/i.test(value);
  },
  load: (s, label, value) => {
    const m = match(/^(\S+)(?:\s+\(equivalent to about (\S+) CPU process(?:es)?\))?$/i, label, value, 'a load');
    s.load = decimal(m[1] as string, label);
    s.loadCpuEquivalent = m[2] === undefined ? null : decimal(m[2], label);
  },
  speed: (s, label, value) => {
    s.speed = wholeNumber(match(/^(\S+)(?:\s+units?)?$/i, label, value, 'like "10012 units"')[1] as string, label);
  },
  cpus: (s, label, value) => void (s.cpus = wholeNumber(value, label)),
  frozen: (s, label, value) => void (s.frozen = wholeNumber(value, label)),
  util: (s, label, value) => {
    s.utilPercent = decimal(match(/^(\S+?)\s*%?$/, label, value, 'a percentage')[1] as string, label);
  },
  avail: (s, label, value) => void (s.available = yesNo(label, value)),
  procs: (s, label, value) => {
    const m = match(
      /^(?:running\s+)?(\d+)(?:\s+mosix\s+process(?:es)?)?$/i,
      label,
      value,
      'like "Running 1 MOSIX processes"',
    );
    s.mosixProcesses = wholeNumber(m[1] as string, label);
  },
  accept: (s, label, value) => {
    const m = match(/^(yes|no)\b[\s,.;:]*(.*)$/i, label, value, 'a yes or no');
    s.accept = { yes: (m[1] as string).toLowerCase() === 'yes', text: (m[2] as string).trim() };
  },
  memory: (s, label, value) => void (s.memory = memory(label, value)),
  swap: (s, label, value) => void (s.swap = memory(label, value)),
  daemons: (_s, label, value) => {
    if (value !== '') fail(label, value, 'empty (the daemons follow on their own lines)');
  },
  'guest processes from grid': (s, label, value) => {
    const m = match(/^(\d+)\s*\/\s*(\d+)$/, label, value, 'like "0/10"');
    s.gridGuests = { current: wholeNumber(m[1] as string, label), max: wholeNumber(m[2] as string, label) };
  },
};

/** The reader's key for a label: lower case, spaces collapsed; "grid" and "multi-cluster" alike. */
function keyOf(label: string): string {
  const key = label.toLowerCase().replace(/\s+/g, ' ');
  return /^guest processes from (the )?(grid|multi-?cluster)$/.test(key) ? 'guest processes from grid' : key;
}

/** True for the labels this parser reads. */
export function isKnownLabel(label: string): boolean {
  return Object.hasOwn(READERS, keyOf(label));
}

/** Reads one `Label: value` line into `s`; throws FieldError for a value it cannot read. */
export function readStatusField(s: MosctlStatus, label: string, value: string): void {
  const key = keyOf(label);
  if (Object.hasOwn(READERS, key)) (READERS[key] as Reader)(s, label, value);
  else s.other.push({ label, value });
}
