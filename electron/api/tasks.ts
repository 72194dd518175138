/**
 * The hub API's tasks group: every action the admin starts on a process is a task with a state,
 * a log and an outcome observed on the node (not assumed from a command's return). An apply of
 * /etc/mosix (config group) is a task too, over several nodes, with each node's progress.
 */
import type { QueueOp } from '../../agent/src/protocol/queueTypes';
import type { ApplyNodePhase } from './config';

export type Signal = 'TERM' | 'KILL' | 'HUP' | 'INT' | 'STOP' | 'CONT' | 'USR1' | 'USR2';

/**
 * What to do. `migrate.to`: the id of a node of the same cluster (the hub gives its agent the
 * node's address). `home`: send the process back to its home node (`migrate -h`).
 */
export type TaskAction =
  | { kind: 'freeze' }
  | { kind: 'continue' }
  | { kind: 'signal'; signal: Signal }
  | { kind: 'migrate'; to: string }
  | { kind: 'home' }
  | { kind: 'checkpoint'; then: 'continue' | 'stop' | 'exit' }
  /** A queued job (`mosq`): its target is the job's pid; `priority` only with `cngpri`. */
  | { kind: 'queue'; op: QueueOp; priority?: number };

/** To what: one process, or every process of a Job ID (of `user`; the agent's own user by default) on that node. */
export type TaskTarget = { pid: number } | { jobId: number; user?: string };

/** A task that is an apply of /etc/mosix (see the config group); started by `config.apply` or `config.rollback`. */
export interface ConfigureAction {
  kind: 'configure';
  applyId: string;
  /** Set when the apply is a rollback: the backup it puts back. */
  rollbackOf?: string;
}

/** What a configure task changes: these files of /etc/mosix (all its nodes' together). */
export interface ConfigureTarget {
  files: string[];
}

/** One node's part in a task over several nodes. */
export interface TaskNodeProgress {
  nodeId: string;
  nodeName: string;
  phase: ApplyNodePhase;
  /** Where it is, in a sentence. */
  text: string;
}

/**
 * - `queued`: waiting for a free slot of its cluster.
 * - `running`: sent, the outcome not seen yet.
 * - `done`: the outcome was seen on the node (frozen, gone, at its target…).
 * - `declined`: the node refused (not allowed, cannot, no such process).
 * - `failed`: it broke (the link was lost, an error); never sent again by itself.
 * - `timed-out`: sent, but the outcome was not seen in time.
 */
export type TaskState = 'queued' | 'running' | 'done' | 'declined' | 'failed' | 'timed-out';

export interface TaskLogLine {
  at: number;
  text: string;
}

export interface TaskRecord {
  id: string;
  clusterId: string;
  /** The node; `*` for a task over several nodes (a configure), whose `progress` names each. */
  nodeId: string;
  /** The node's name when the task was made (it stays readable after the node is gone); "4 nodes" for `*`. */
  nodeName: string;
  action: TaskAction | ConfigureAction;
  target: TaskTarget | ConfigureTarget;
  /** A task over several nodes: each node's phase, in the order they were given. */
  progress?: TaskNodeProgress[];
  /** The process's command line when the task was made, for the record. */
  command?: string;
  state: TaskState;
  /** What was seen, or why not, in a sentence; set once the task has ended. */
  outcome?: string;
  log: TaskLogLine[];
  /** The local user who started it (the workstation's login). */
  by: string;
  createdAt: number;
  startedAt?: number;
  endedAt?: number;
  /**
   * A failed, declined or timed-out task stays in view until the admin has seen it; a done one
   * is seen when it ends, and queued or running ones are not yet.
   */
  seen: boolean;
}

/** One task to start: an action on a target of one node. */
export interface TaskRequest {
  nodeId: string;
  target: TaskTarget;
  action: TaskAction;
  command?: string;
}

export interface TasksRequests {
  /**
   * Starts one task per item (at most 5,000) on a cluster's nodes; they run with a bound per
   * cluster. An unknown cluster or node (or migration target) is not-found, and none is started.
   * The tasks come back queued.
   */
  'tasks.start': { params: { clusterId: string; items: TaskRequest[] }; result: { tasks: TaskRecord[] } };
  /** Running tasks and the last finished ones (the record keeps 1,000), newest first. */
  'tasks.list': { params: { limit?: number }; result: { tasks: TaskRecord[] } };
  /** Marks ended tasks as seen (each one that changes gets a `task.changed`); `changed` counts them. */
  'tasks.seen': { params: { taskIds: string[] }; result: { changed: number } };
}

export interface TasksEvents {
  /** A task was made or changed state, or got a log line. */
  'task.changed': { task: TaskRecord };
}

export const TASKS_METHODS = {
  'tasks.start': 1,
  'tasks.list': 1,
  'tasks.seen': 1,
} as const satisfies Record<keyof TasksRequests, 1>;
export const TASKS_EVENTS = { 'task.changed': 1 } as const satisfies Record<keyof TasksEvents, 1>;
