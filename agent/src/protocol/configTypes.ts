/**
 * The agent's /etc/mosix methods: read every configuration file, stage a new set, switch it in,
 * discard it, and read the backups a switch leaves. An apply across a cluster is these calls in
 * two phases (every node stages; only then does any switch), driven by the hub.
 *
 * Files are named relative to /etc/mosix and only from this fixed set, so a caller can never
 * address another file: the agent joins the name to its own directory.
 */
import type { NodeFacts } from '../mosixConfig/types';

/**
 * `mosix.map`, `userview.map`, `mosip`, `freeze.conf`, `queue.conf` (the queue file's name is
 * not documented; reference/mosix.md §2.1 guesses this one) and `partners/<cluster-name>`.
 */
export const CONFIG_FILE_NAME =
  /^(mosix\.map|userview\.map|mosip|freeze\.conf|queue\.conf|partners\/[A-Za-z0-9][A-Za-z0-9._-]{0,63})$/;

/** A real configuration file is a few KiB; past this it is refused, read or written. */
export const MAX_CONFIG_FILE_BYTES = 256 * 1024;

/** Ids the hub makes for an apply (and so for the backup it leaves): safe as a directory name. */
export const APPLY_ID = /^[a-z0-9][a-z0-9-]{5,63}$/;

export type ConfigFileState =
  { name: string; present: true; text: string; sha256: string; mtimeMs: number } | { name: string; present: false };

/** How this agent writes /etc/mosix: as root, through `sudo -n`, or not at all (and why). */
export type ConfigWriteAccess = { ok: true; via: 'root' | 'sudo' } | { ok: false; reason: string };

/** A staged apply still on the node: `staged` waits for a switch or discard; `switching` was cut short. */
export interface PendingApply {
  applyId: string;
  phase: 'staged' | 'switching';
  files: string[];
  at: number;
}

/** What a switch left: the files as they were before it (absent ones listed as such). */
export interface BackupInfo {
  /** The apply's id. */
  id: string;
  at: number;
  files: string[];
}

export interface ConfigSnapshot {
  /** The directory read: /etc/mosix. */
  dir: string;
  /** Every known file that is present, plus the fixed names that are absent. */
  files: ConfigFileState[];
  write: ConfigWriteAccess;
  pending: PendingApply[];
  /** Newest first. */
  backups: BackupInfo[];
  /** What the node looked up for its files as they are (hosts resolved, freeze directories), for the node check. */
  facts?: NodeFacts;
}

/** One problem found in a file, naming where; `line` is 1-based. */
export interface ConfigIssue {
  file: string;
  line?: number;
  severity: 'error' | 'warning';
  message: string;
}

/**
 * One file to write (`text`) or remove (`text: null`). `base` is the sha256 of the file as the
 * caller read it, or null when it read it absent: a file that changed since is a conflict, and
 * nothing is staged.
 */
export interface ConfigChange {
  name: string;
  text: string | null;
  base: string | null;
}

/** A file that changed on the node since the caller read it: what it is now. */
export interface ConfigConflict {
  name: string;
  base: string | null;
  now: ConfigFileState;
}

/**
 * Data, not an error, so an apply can say per node what went wrong: `conflicts` (changed behind
 * the caller's back), `problems` (validation errors of the new files on this node), or `reason`
 * (it could not write: no root, a read-only /etc/mosix, a full disk). Nothing is left staged
 * unless `staged` is true.
 */
export type StageResult =
  | { staged: true; applyId: string; issues: ConfigIssue[] }
  | { staged: false; applyId: string; conflicts: ConfigConflict[]; problems: ConfigIssue[]; reason?: string };

/**
 * `switched`: every staged file is in place (renamed, files and directory fsynced) and the old
 * ones are in backup `backupId`. Otherwise `reason` and what each file is now; a switch cut short
 * by a crash is finished by the agent's next config call (it never leaves a mix of old and new).
 */
export type SwitchResult =
  | { switched: true; applyId: string; backupId: string; files: string[] }
  | { switched: false; applyId: string; reason: string; now: ConfigFileState[] };

export interface BackupContent {
  id: string;
  at: number;
  /** The files as they were before that apply (absent: the apply created it). */
  files: ConfigFileState[];
}
