/**
 * The hub API's config group: read /etc/mosix on every node of a cluster, apply changes to it
 * in two phases (every node stages the new files; only when all have staged does any switch),
 * list and roll back to the backups a switch leaves. An apply is a task in the tasks drawer
 * (action `configure`) and sends `config.apply.changed` as it goes; the hub keeps a journal of
 * it so that an apply cut short by a closed or killed hub is finished or undone at the next start.
 */
import type {
  ConfigChange,
  ConfigConflict,
  ConfigFileState,
  ConfigIssue,
  ConfigSnapshot,
} from '../../agent/src/protocol/configTypes';
import type { TaskRecord } from './tasks';

export type {
  BackupContent,
  BackupInfo,
  ConfigChange,
  ConfigConflict,
  ConfigFileState,
  ConfigIssue,
  ConfigSnapshot,
  ConfigWriteAccess,
  PendingApply,
} from '../../agent/src/protocol/configTypes';

/** One node's /etc/mosix, or why it could not be read: `down` (no link to its agent now) or `error` (the agent failed). */
export type NodeConfigRead =
  | { nodeId: string; nodeName: string; ok: true; snapshot: ConfigSnapshot }
  | { nodeId: string; nodeName: string; ok: false; state: 'down' | 'error'; reason: string };

/**
 * Where one node is in an apply (also what the journal records):
 * - `waiting`: not asked yet (the apply asks a bounded number of nodes at once).
 * - `staging`: asked to stage; `staged`: its new files wait beside /etc/mosix.
 * - `declined`: it refused to stage (`conflicts`, `problems` or a `text` reason); nothing staged there.
 * - `failed`: it could not take part (down, an error, a failed switch: `text` says which, `now` what it has).
 * - `discarded`: what it had staged was removed; its files are as before.
 * - `switching`: asked to switch; `switched`: the new files are in place, the old ones in backup `applyId`.
 * - `unknown`: it was asked to stage or switch and then could not be reached: the apply waits for it (`recovering`).
 */
export type ApplyNodePhase =
  'waiting' | 'staging' | 'staged' | 'declined' | 'failed' | 'discarded' | 'switching' | 'switched' | 'unknown';

export interface ApplyNode {
  nodeId: string;
  /** The node's name when the apply was made. */
  nodeName: string;
  /** The files this apply changes on the node (names relative to /etc/mosix). */
  files: string[];
  phase: ApplyNodePhase;
  /** Where the node is, in a sentence ("staged 2 files", "refused: /etc/mosix is read-only"). */
  text: string;
  /** `declined`: files changed on the node since they were read, with what each is now. */
  conflicts?: ConfigConflict[];
  /** `declined`: errors the node found in the new files. Warnings of a stage that went through are in `issues`. */
  problems?: ConfigIssue[];
  issues?: ConfigIssue[];
  /** After a failed switch: the node's files as they are now (from its answer or a fresh read). */
  now?: ConfigFileState[];
  /** Last change of this node's phase, ms since the epoch. */
  at: number;
}

/**
 * - `staging`: phase 1, nodes are staging. `discarding`: one could not stage; the others' staged files are removed.
 * - `switching`: every node staged; they switch.
 * - `recovering`: cut short (the hub closed, or a node went away mid-way); waits for the nodes it needs and finishes
 *   or undoes the apply when they are back (see `outcome` so far and each node's `text`).
 * - `done`: every node switched. `declined`: a node refused to stage; nothing switched anywhere.
 * - `failed`: a node could not stage (nothing switched anywhere), or one failed to switch while others did: then
 *   `rollback` offers to put the others back.
 */
export type ApplyState = 'staging' | 'discarding' | 'switching' | 'recovering' | 'done' | 'declined' | 'failed';

export interface ConfigApply {
  applyId: string;
  clusterId: string;
  /** The task in the tasks drawer that shows this apply. */
  taskId: string;
  /** `rollback`: the files of backup `rollbackOf`, applied like any change. */
  kind: 'apply' | 'rollback';
  rollbackOf?: string;
  state: ApplyState;
  /** What happened, in a sentence; set once the apply has ended (and while recovering). */
  outcome?: string;
  nodes: ApplyNode[];
  /**
   * Offered when some nodes switched and another did not: `config.rollback` of `backupId` on
   * `nodeIds` puts the files of those nodes back as they were before this apply.
   */
  rollback?: { backupId: string; nodeIds: string[] };
  /**
   * What the hub decided once phase 1 was over: `switch` (every node staged; recorded before the
   * first switch is sent) or `discard`. A recovery goes the same way.
   */
  decided?: 'switch' | 'discard';
  /** When recovery rolled the switched nodes back by itself: that rollback's apply id. */
  rolledBackBy?: string;
  /** The local user who started it. */
  by: string;
  createdAt: number;
  endedAt?: number;
}

/** What one node asks of an apply: its changes, each with the `base` (sha256 or null) it was read with. */
export interface NodeChanges {
  nodeId: string;
  changes: ConfigChange[];
}

/** One backup (by the id of the apply that left it) and the nodes that have it. */
export interface ClusterBackup {
  id: string;
  /** The newest of its nodes' times. */
  at: number;
  nodes: { nodeId: string; nodeName: string; at: number; files: string[] }[];
}

export interface ConfigRequests {
  /** Every node's /etc/mosix (files with their sha256, write access, pending applies, backups), read now. */
  'config.read': { params: { clusterId: string }; result: { clusterId: string; nodes: NodeConfigRead[] } };
  /**
   * Starts an apply of `nodes` (each node at most once, 1-64 changes each) and returns at once
   * with it and its task; follow it with `config.apply.changed` or `task.changed`. Refused
   * (`unavailable`) while another apply of the cluster is staging or switching; an unknown node is not-found.
   */
  'config.apply': {
    params: { clusterId: string; nodes: NodeChanges[] };
    result: { applyId: string; apply: ConfigApply; task: TaskRecord };
  };
  /** Backups on the cluster's nodes (read now), newest first; `unread` names nodes that could not be asked. */
  'config.backups': {
    params: { clusterId: string };
    result: { backups: ClusterBackup[]; unread: { nodeId: string; nodeName: string; reason: string }[] };
  };
  /**
   * Puts back the files as they were before apply `backupId` on `nodeIds` (by default every node
   * that has that backup): reads the backup and a fresh `config.read` of each node, then starts a
   * two-phase apply of those files, so a rollback is as safe as an apply. A node that is down or
   * lacks the backup refuses the call (nothing is started); a node whose files already match is left out.
   */
  'config.rollback': {
    params: { clusterId: string; backupId: string; nodeIds?: string[] };
    result: { applyId: string; apply: ConfigApply; task: TaskRecord };
  };
  /** The cluster's applies the hub knows (running, recovering, and the last ended ones), newest first. */
  'config.applies': { params: { clusterId: string }; result: { applies: ConfigApply[] } };
}

export interface ConfigEvents {
  /** An apply was made, or it or one of its nodes changed. */
  'config.apply.changed': { apply: ConfigApply };
}

export const CONFIG_METHODS = {
  'config.read': 1,
  'config.apply': 1,
  'config.backups': 1,
  'config.rollback': 1,
  'config.applies': 1,
} as const satisfies Record<keyof ConfigRequests, 1>;
export const CONFIG_EVENTS = { 'config.apply.changed': 1 } as const satisfies Record<keyof ConfigEvents, 1>;
