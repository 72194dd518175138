/**
 * A typed model of a `mosrun` command line (MOSIX2 MOSRUN(M1), reference §1.1). Pure: shared by
 * the agent and the renderer. An absent field means the option is not given, which is not always
 * the same as its default: a nested mosrun inherits options its own line does not set.
 */

/** Where the program starts: one of `-r{host}`, `-{a.b.c.d}`, `-{n}`, `-h`, `-b`, `-j{ranges}`. */
export type Placement =
  | { kind: 'host'; host: string }
  | { kind: 'ip'; ip: string }
  | { kind: 'node'; node: number }
  | { kind: 'home' }
  | { kind: 'best' }
  | { kind: 'random'; ranges: NodeRange[] };

/** Node numbers `from` to `to`, both included, as in `-j1-4,7-9`. */
export interface NodeRange {
  from: number;
  to: number;
}

/** `-D{DD:HH:MM}`: the user's estimate of the run time, shown as DUE in mosps. */
export interface Due {
  days: number;
  hours: number;
  minutes: number;
}

/** `-q[pri]` or `-Q[pri]`; no priority means the administrator's default (normally 50). Lower runs first. */
export interface QueueRequest {
  letter: 'q' | 'Q';
  priority?: number;
}

/** `-E[/cwd]` (native Linux batch job) or `-M[/cwd]` (migratable batch job with a remote home). */
export interface BatchRequest {
  kind: 'native' | 'mosix';
  /** Absolute directory on the other node; by default the caller's current directory's path. */
  cwd?: string;
}

/** `-O{fd}={file}`: with -R, descriptor `fd` is reopened on `file`. */
export interface FdRemap {
  fd: number;
  file: string;
}

/** What mosrun runs: one program, a commands file (-S), a checkpoint to resume (-R) or to list (-I). */
export type MosrunTarget =
  | { kind: 'program'; program: string; args: string[] }
  | { kind: 'commands'; maxJobs: number; commandsFile: string; failedFile?: string }
  | { kind: 'recover'; checkpoint: string; remaps: FdRemap[] }
  | { kind: 'list'; checkpoint: string };

export interface MosrunOptions {
  target: MosrunTarget;
  placement?: Placement;
  /** -F: run anywhere when the requested node is unavailable (openMosix meaning, unconfirmed for MOSIX). */
  anywhere?: true;
  /** -L (locked: no automatic migration) or -l (free to migrate, the default). */
  migration?: 'locked' | 'free';
  /** -G[class]: class > 0 may leave the local cluster; plain -G is class 1. */
  gridClass?: number;
  /** -m: the most memory the program needs, MB. */
  memoryMb?: number;
  /** -P: the number of parallel processes the queue reserves processors for. */
  parallel?: number;
  queue?: QueueRequest;
  /** -J: Job ID, per user, inherited by children. */
  jobId?: number;
  due?: Due;
  batch?: BatchRequest;
  /** -i: the batch job gets exclusive use of standard input. */
  exclusiveStdin?: true;
  /** What happens on an unsupported feature: -u kill (the default), -e fail with ENOSYS, -w fail and warn. */
  unsupported?: 'kill' | 'fail' | 'warn';
  /** -t: time of day from the node the process runs on; -T: from its home node (the default). */
  timeOfDay?: 'local' | 'home';
  /** -c: do not bring the process home because of its system-call or I/O activity. */
  noIoHoming?: true;
  /** -d: decay weight, 0-10000. */
  decay?: number;
  /** -n: given by name only in the sources; passed through. */
  flagN?: true;
  /** -z: given by name only in the sources; passed through. */
  flagZ?: true;
  /** -C: checkpoint files are `{base}.1`, `{base}.2`, ... */
  checkpointBase?: string;
  /** -A: a checkpoint every this many minutes. */
  checkpointEveryMinutes?: number;
  /** -N: after this many checkpoints the numbering starts again. */
  checkpointMax?: number;
  /** -X (repeatable): absolute directories whose new files are private to the process. */
  privateDirs?: string[];
}
