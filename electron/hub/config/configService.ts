/**
 * The hub's side of /etc/mosix: reads, applies (two-phase, journalled, shown as tasks),
 * backups and rollbacks, and the recovery of applies that a closed or killed hub left unfinished.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ConfigChange } from '../../../agent/src/protocol/configTypes';
import type { ConfigApply, NodeChanges, NodeConfigRead, TaskRecord } from '../../api';
import { HubError } from '../errors';
import type { HubLog } from '../log';
import type { ApplyJournal } from './applyJournal';
import { taskOfApply } from './applyTask';
import type { ApplyContext } from './applySteps';
import { backupsOf, hasBackup, readCluster, readOk } from './clusterReads';
import type { ConfigNodes } from './configPort';
import { recoverApply } from './recover';
import { rollbackChanges } from './rollbackPlan';
import { runApply } from './twoPhase';

export interface ConfigServiceOptions {
  nodes: ConfigNodes;
  journal: ApplyJournal;
  /** Shows the apply's task in the tasks drawer (TaskRunner.show). */
  showTask(task: TaskRecord): void;
  /** Sends `config.apply.changed`. */
  emit(apply: ConfigApply): void;
  localUser: string;
  log: HubLog;
  /** Says something the user must know (a damaged journal). */
  notice(text: string): void;
  fanout?: number;
  now?: () => number;
}

const ACTIVE = new Set(['staging', 'discarding', 'switching']);

/** `2025-11-21t10-02-03-123z-1a2b3c`: sorts by time, and fits APPLY_ID. */
export function newApplyId(now: number): string {
  return `${new Date(now)
    .toISOString()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '-')}-${randomBytes(3).toString('hex')}`;
}

export interface Started {
  applyId: string;
  apply: ConfigApply;
  task: TaskRecord;
}

export class ConfigService {
  /** Applies with a run or a recovery in progress: never two at once on one apply. */
  private readonly busy = new Set<string>();
  /** Applies asked to recover again while an attempt was running. */
  private readonly again = new Set<string>();
  private readonly runs = new Set<Promise<void>>();
  private closed = false;
  private readonly ctx: ApplyContext;

  constructor(private readonly opts: ConfigServiceOptions) {
    this.ctx = {
      nodes: opts.nodes,
      journal: opts.journal,
      log: opts.log,
      changed: (apply) => this.changed(apply),
      ...(opts.fanout !== undefined && { fanout: opts.fanout }),
      ...(opts.now && { now: opts.now }),
    };
  }

  private get now(): number {
    return (this.opts.now ?? Date.now)();
  }

  /** Reads the journal and starts recovering what it left unfinished (nodes that are not up yet are waited for). */
  async start(): Promise<void> {
    const damaged = await this.opts.journal.load();
    if (damaged) this.opts.notice(`${damaged} Applies of /etc/mosix it recorded cannot be finished by mosdesk.`);
    for (const apply of this.opts.journal.unfinished()) this.recover(apply);
  }

  /** Settles once every run started so far has ended or is waiting for nodes (for tests and close). */
  async idle(): Promise<void> {
    while (this.runs.size > 0) await Promise.all([...this.runs]);
  }

  close(): void {
    this.closed = true;
  }

  async read(clusterId: string): Promise<NodeConfigRead[]> {
    return readCluster(this.opts.nodes, clusterId, this.nodeIdsOf(clusterId), this.opts.fanout);
  }

  async backups(clusterId: string) {
    const reads = await this.read(clusterId);
    const unread = reads.flatMap((r) => (r.ok ? [] : [{ nodeId: r.nodeId, nodeName: r.nodeName, reason: r.reason }]));
    return { backups: backupsOf(reads), unread };
  }

  applies(clusterId: string): ConfigApply[] {
    this.nodeIdsOf(clusterId);
    return this.opts.journal
      .all()
      .filter((a) => a.clusterId === clusterId)
      .map((a) => structuredClone(a))
      .reverse();
  }

  apply(clusterId: string, nodes: readonly NodeChanges[], rollbackOf?: string): Started {
    if (this.closed) throw new HubError('unavailable', 'mosdesk is closing; no apply is started.');
    const known = new Set(this.nodeIdsOf(clusterId));
    const seen = new Set<string>();
    for (const n of nodes) {
      if (!known.has(n.nodeId)) throw new HubError('not-found', `The cluster has no node "${n.nodeId}".`);
      if (seen.has(n.nodeId))
        throw new HubError('bad-request', `Node "${n.nodeId}" is given twice; give each node once.`);
      seen.add(n.nodeId);
    }
    const active = this.opts.journal.all().find((a) => a.clusterId === clusterId && ACTIVE.has(a.state));
    if (active)
      throw new HubError(
        'unavailable',
        `Apply ${active.applyId} of this cluster is still ${active.state}; wait for it to end.`,
      );
    const apply = this.newApply(clusterId, nodes, rollbackOf);
    const changes = new Map<string, ConfigChange[]>(nodes.map((n) => [n.nodeId, n.changes]));
    this.opts.journal.put(apply);
    this.changed(apply);
    this.track(apply.applyId, () => runApply(this.ctx, apply, changes));
    return { applyId: apply.applyId, apply: structuredClone(apply), task: taskOfApply(apply, false) };
  }

  /** Rolls back to `backupId`: backup and fresh read per node, then an apply of those files. */
  async rollback(clusterId: string, backupId: string, nodeIds?: readonly string[]): Promise<Started> {
    const reads = await this.read(clusterId);
    const targets = nodeIds
      ? reads.filter((r) => nodeIds.includes(r.nodeId))
      : reads.filter((r) => r.ok && hasBackup(r.snapshot, backupId));
    for (const id of nodeIds ?? [])
      if (!reads.some((r) => r.nodeId === id)) throw new HubError('not-found', `The cluster has no node "${id}".`);
    if (targets.length === 0) throw new HubError('not-found', `No node of the cluster has backup ${backupId}.`);
    const nodes: NodeChanges[] = [];
    for (const r of targets) {
      if (!readOk(r))
        throw new HubError('unavailable', `${r.nodeName} cannot be read (${r.reason}); nothing was rolled back.`);
      if (!hasBackup(r.snapshot, backupId))
        throw new HubError('not-found', `${r.nodeName} has no backup ${backupId}; nothing was rolled back.`);
      const agent = this.opts.nodes.node(clusterId, r.nodeId)?.agent;
      if (!agent) throw new HubError('unavailable', `${r.nodeName} went down; nothing was rolled back.`);
      const changes = rollbackChanges(await agent.backup(backupId), r.snapshot);
      if (changes.length > 0) nodes.push({ nodeId: r.nodeId, changes });
    }
    if (nodes.length === 0)
      throw new HubError(
        'bad-request',
        `The nodes already have the files of backup ${backupId}: there is nothing to roll back.`,
      );
    return this.apply(clusterId, nodes, backupId);
  }

  /** A node is up again: applies of its cluster that wait for nodes try again. */
  nodeUp(clusterId: string): void {
    for (const apply of this.opts.journal.unfinished())
      if (apply.clusterId === clusterId && apply.state === 'recovering') this.recover(apply);
  }

  private recover(apply: ConfigApply): void {
    this.track(apply.applyId, () =>
      recoverApply(this.ctx, apply, async (a, ids) => (await this.rollback(a.clusterId, a.applyId, ids)).applyId),
    );
  }

  private track(applyId: string, run: () => Promise<void>): void {
    if (this.busy.has(applyId)) {
      // A node came back while an attempt runs that may have passed it already: one more after it.
      this.again.add(applyId);
      return;
    }
    this.busy.add(applyId);
    const done = run()
      .catch((err: unknown) => this.opts.log.warn(`apply ${applyId} broke`, err))
      .finally(() => {
        this.busy.delete(applyId);
        this.runs.delete(done);
        const apply = this.opts.journal.get(applyId);
        if (this.again.delete(applyId) && apply?.state === 'recovering') this.recover(apply);
      });
    this.runs.add(done);
  }

  private newApply(clusterId: string, nodes: readonly NodeChanges[], rollbackOf?: string): ConfigApply {
    const now = this.now;
    return {
      applyId: newApplyId(now),
      clusterId,
      taskId: randomUUID(),
      kind: rollbackOf === undefined ? 'apply' : 'rollback',
      ...(rollbackOf !== undefined && { rollbackOf }),
      state: 'staging',
      nodes: nodes.map((n) => ({
        nodeId: n.nodeId,
        nodeName: this.opts.nodes.node(clusterId, n.nodeId)?.name ?? n.nodeId,
        files: n.changes.map((c) => c.name),
        phase: 'waiting',
        text: 'waiting its turn',
        at: now,
      })),
      by: this.opts.localUser,
      createdAt: now,
    };
  }

  private nodeIdsOf(clusterId: string): string[] {
    const ids = this.opts.nodes.nodeIds(clusterId);
    if (!ids) throw new HubError('not-found', `There is no cluster "${clusterId}".`);
    return ids;
  }

  private changed(apply: ConfigApply): void {
    // Every node's phase goes to the journal too (writes coalesce; the steps that must be on
    // disk before the next one await their own save).
    this.opts.journal
      .save()
      .catch((err: unknown) => this.opts.log.warn('the journal of applies could not be written', err));
    if (this.closed) return;
    this.opts.emit(structuredClone(apply));
    this.opts.showTask(taskOfApply(apply, false));
  }
}
