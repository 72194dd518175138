import { randomUUID } from 'node:crypto';
import type { TaskRecord, TaskRequest } from '../../api';
import { nodeById } from '../api/handlers/context';
import type { Cluster } from '../clusters/cluster';
import { HubError } from '../errors';
import type { HubLog } from '../log';
import { DEFAULT_TIMING, type Ending, runTask, type RunSpec, type TaskNode, type TaskTiming } from './runTask';
import type { TaskRecordStore } from './taskRecord';

/** Tasks of one cluster that run at once; the rest wait their turn, in order. */
export const DEFAULT_PER_CLUSTER = 8;
/** The record keeps the start of a command line, not all of it. */
const MAX_COMMAND_CHARS = 1000;

export interface TaskRunnerOptions {
  /** A task was made or changed. */
  onChange(task: TaskRecord): void;
  record: TaskRecordStore;
  /** The workstation's login, recorded as who started each task. */
  localUser: string;
  log: HubLog;
  perCluster?: number;
  timing?: Partial<TaskTiming>;
}

interface LiveTask {
  record: TaskRecord;
  spec: RunSpec;
  over: boolean;
}

/** Timers that close() can end at once, so no task sleeps past the hub. */
class Sleeper {
  private readonly timers = new Map<NodeJS.Timeout, () => void>();

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.set(timer, resolve);
    });
  }

  wakeAll(): void {
    for (const [timer, resolve] of this.timers) {
      clearTimeout(timer);
      resolve();
    }
    this.timers.clear();
  }
}

/**
 * Every action is a task: made queued, run with a bound per cluster, its outcome watched on the
 * node, ended once and then kept in the record. Nothing is ever sent twice by the runner.
 */
export class TaskRunner {
  /** Queued and running tasks, oldest first. */
  private readonly live = new Map<string, LiveTask>();
  private readonly queues = new Map<string, LiveTask[]>();
  private readonly running = new Map<string, number>();
  /** Tasks run elsewhere (applies of /etc/mosix) that have not ended, by id. */
  private readonly outside = new Map<string, TaskRecord>();
  private readonly sleeper = new Sleeper();
  private readonly timing: TaskTiming;
  private readonly perCluster: number;
  private closed = false;

  constructor(private readonly opts: TaskRunnerOptions) {
    this.timing = { ...DEFAULT_TIMING, ...opts.timing };
    this.perCluster = opts.perCluster ?? DEFAULT_PER_CLUSTER;
  }

  /** Makes one task per item (all or none: an unknown node refuses the lot) and queues them. */
  start(cluster: Cluster, items: readonly TaskRequest[], now = Date.now()): TaskRecord[] {
    if (this.closed) throw new HubError('unavailable', 'mosdesk is closing; no new task is started.');
    const specs = items.map((item) => this.specOf(cluster, item));
    const made = items.map((item, i): LiveTask => {
      const node = nodeById(cluster, item.nodeId).snapshot;
      const record: TaskRecord = {
        id: randomUUID(),
        clusterId: cluster.id,
        nodeId: item.nodeId,
        nodeName: node.name,
        action: structuredClone(item.action),
        target: structuredClone(item.target),
        ...(item.command !== undefined && { command: item.command.slice(0, MAX_COMMAND_CHARS) }),
        state: 'queued',
        log: [{ at: now, text: `queued by ${this.opts.localUser}` }],
        by: this.opts.localUser,
        createdAt: now,
        seen: false,
      };
      return { record, spec: specs[i] as RunSpec, over: false };
    });
    const queue = this.queues.get(cluster.id) ?? [];
    this.queues.set(cluster.id, queue);
    for (const task of made) {
      this.live.set(task.record.id, task);
      queue.push(task);
      this.changed(task);
    }
    const queued = made.map((t) => structuredClone(t.record));
    this.pump(cluster.id);
    return queued;
  }

  /**
   * Shows a task that runs elsewhere (an apply runs itself and keeps its own journal): listed
   * while it runs, recorded once it has ended, announced each time. One that has not ended when
   * the hub closes is not recorded: its own journal brings it back at the next start.
   */
  show(task: TaskRecord): void {
    if (this.closed) return;
    if (task.state === 'queued' || task.state === 'running') this.outside.set(task.id, structuredClone(task));
    else {
      this.outside.delete(task.id);
      this.opts.record.add(task);
    }
    this.opts.onChange(structuredClone(task));
  }

  /** Queued and running tasks, then the record's, newest first. */
  list(limit?: number): TaskRecord[] {
    const live = [...this.live.values()].map((t) => structuredClone(t.record));
    const running = [...live, ...[...this.outside.values()].map((t) => structuredClone(t))];
    const all = [...running.sort((a, b) => b.createdAt - a.createdAt), ...this.opts.record.list()];
    return limit === undefined ? all : all.slice(0, limit);
  }

  /** Marks ended tasks seen; queued and running ones are not ended, so they are left alone. */
  seen(taskIds: readonly string[]): number {
    const changed = this.opts.record.markSeen(taskIds);
    for (const task of changed) this.opts.onChange(task);
    return changed.length;
  }

  /** Ends every task that has not ended (they are recorded as such) and starts no other. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const task of [...this.live.values()]) {
      const outcome =
        task.record.state === 'queued'
          ? 'not sent: mosdesk was closed before its turn'
          : 'mosdesk was closed before the outcome was seen; it is not sent again';
      this.finish(task, { state: 'failed', outcome });
    }
    this.queues.clear();
    this.outside.clear();
    this.sleeper.wakeAll();
  }

  private specOf(cluster: Cluster, item: TaskRequest): RunSpec {
    const node: TaskNode = nodeById(cluster, item.nodeId);
    const spec: RunSpec = { action: item.action, target: item.target, node };
    if (item.action.kind === 'migrate') {
      spec.to = { id: item.action.to, node: nodeById(cluster, item.action.to) };
    }
    return spec;
  }

  private pump(clusterId: string): void {
    const queue = this.queues.get(clusterId);
    while (!this.closed && queue && queue.length > 0 && (this.running.get(clusterId) ?? 0) < this.perCluster) {
      const task = queue.shift() as LiveTask;
      this.running.set(clusterId, (this.running.get(clusterId) ?? 0) + 1);
      void this.run(task).finally(() => {
        this.running.set(clusterId, (this.running.get(clusterId) ?? 1) - 1);
        this.pump(clusterId);
      });
    }
    if (queue?.length === 0) this.queues.delete(clusterId);
  }

  private async run(task: LiveTask): Promise<void> {
    task.record.state = 'running';
    task.record.startedAt = Date.now();
    this.changed(task);
    let ending: Ending | undefined;
    try {
      ending = await runTask(task.spec, {
        timing: this.timing,
        sleep: (ms) => this.sleeper.sleep(ms),
        log: (text) => this.append(task, text),
        over: () => task.over,
      });
    } catch (err) {
      this.opts.log.warn(`task ${task.record.id} broke`, err);
      ending = { state: 'failed', outcome: 'it broke inside the hub (see its log); it is not sent again' };
    }
    if (ending && !task.over) this.finish(task, ending);
  }

  private append(task: LiveTask, text: string): void {
    if (task.over) return;
    task.record.log.push({ at: Date.now(), text });
    this.changed(task);
  }

  private finish(task: LiveTask, { state, outcome }: Ending): void {
    const now = Date.now();
    task.over = true;
    Object.assign(task.record, { state, outcome, endedAt: now, seen: state === 'done' });
    task.record.log.push({ at: now, text: `${state}: ${outcome}` });
    this.live.delete(task.record.id);
    this.opts.record.add(task.record);
    this.changed(task);
  }

  private changed(task: LiveTask): void {
    this.opts.onChange(structuredClone(task.record));
  }
}
