/**
 * Fake agents for the /etc/mosix methods, with the agent's contract: bases checked against the
 * file now (a change is a conflict, nothing staged), staged applies kept until switch or
 * discard and listed as pending, a switch backs the old files up under the apply's id. Each
 * node can be down, read-only, refuse a switch, throw, or hang before or after doing a step
 * (a hub killed there: the step never answers).
 */
import { createHash } from 'node:crypto';
import type {
  BackupContent,
  ConfigChange,
  ConfigFileState,
  ConfigSnapshot,
  StageResult,
  SwitchResult,
} from '../../agent/src/protocol/configTypes';
import type { ConfigAgent, ConfigNodeNow, ConfigNodes } from '../../electron/hub/config/configPort';

export const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
type Step = 'read' | 'stage' | 'switch' | 'discard' | 'backup';

export class FakeConfigNode implements ConfigAgent {
  files = new Map<string, string>();
  readonly pending = new Map<string, { changes: ConfigChange[]; at: number }>();
  readonly backups = new Map<string, { at: number; files: Map<string, string | null> }>();
  up = true;
  readOnly: string | undefined;
  failSwitch: string | undefined;
  /** Steps that throw (after doing nothing). */
  readonly throws = new Set<Step>();
  /** Steps that do their work and then never answer; or never do it at all. */
  readonly hangAfter = new Set<Step>();
  readonly hangBefore = new Set<Step>();
  /** Every call made, in order. */
  readonly calls: string[] = [];

  constructor(
    readonly id: string,
    files: Record<string, string> = {},
  ) {
    for (const [k, v] of Object.entries(files)) this.files.set(k, v);
  }

  private state(name: string): ConfigFileState {
    const text = this.files.get(name);
    return text === undefined ? { name, present: false } : { name, present: true, text, sha256: sha(text), mtimeMs: 1 };
  }

  private async step<T>(step: Step, work: () => T): Promise<T> {
    this.calls.push(step);
    if (this.hangBefore.has(step)) return new Promise<T>(() => undefined);
    if (this.throws.has(step)) throw new Error(`${step} broke on ${this.id}`);
    const value = work();
    if (this.hangAfter.has(step)) return new Promise<T>(() => undefined);
    return value;
  }

  read(): Promise<ConfigSnapshot> {
    return this.step('read', () => ({
      dir: '/etc/mosix',
      files: [...this.files.keys()].sort().map((n) => this.state(n)),
      write: { ok: true, via: 'root' },
      pending: [...this.pending].map(([applyId, p]) => ({
        applyId,
        phase: 'staged' as const,
        files: p.changes.map((c) => c.name),
        at: p.at,
      })),
      backups: [...this.backups]
        .map(([id, b]) => ({ id, at: b.at, files: [...b.files.keys()] }))
        .sort((a, b) => b.at - a.at),
    }));
  }

  stage(applyId: string, changes: ConfigChange[]): Promise<StageResult> {
    return this.step('stage', (): StageResult => {
      const conflicts = changes
        .filter((c) => {
          const now = this.files.get(c.name);
          return (now === undefined ? null : sha(now)) !== c.base;
        })
        .map((c) => ({ name: c.name, base: c.base, now: this.state(c.name) }));
      if (conflicts.length > 0 || this.readOnly)
        return { staged: false, applyId, conflicts, problems: [], ...(this.readOnly && { reason: this.readOnly }) };
      this.pending.set(applyId, { changes, at: Date.now() });
      return { staged: true, applyId, issues: [] };
    });
  }

  switch(applyId: string): Promise<SwitchResult> {
    return this.step('switch', (): SwitchResult => {
      const p = this.pending.get(applyId);
      const names = p?.changes.map((c) => c.name) ?? [];
      if (!p || this.failSwitch)
        return {
          switched: false,
          applyId,
          reason: this.failSwitch ?? 'nothing staged',
          now: names.map((n) => this.state(n)),
        };
      const old = new Map(names.map((n) => [n, this.files.get(n) ?? null]));
      this.backups.set(applyId, { at: Date.now() + this.backups.size, files: old });
      for (const c of p.changes) {
        if (c.text === null) this.files.delete(c.name);
        else this.files.set(c.name, c.text);
      }
      this.pending.delete(applyId);
      return { switched: true, applyId, backupId: applyId, files: names };
    });
  }

  discard(applyId: string): Promise<{ removed: boolean }> {
    return this.step('discard', () => ({ removed: this.pending.delete(applyId) }));
  }

  backup(backupId: string): Promise<BackupContent> {
    return this.step('backup', () => {
      const b = this.backups.get(backupId);
      if (!b) throw new Error(`no backup ${backupId}`);
      const files = [...b.files].map(([name, text]): ConfigFileState =>
        text === null ? { name, present: false } : { name, present: true, text, sha256: sha(text), mtimeMs: 1 },
      );
      return { id: backupId, at: b.at, files };
    });
  }

  /** The files as one comparable value. */
  snapshotFiles(): Record<string, string> {
    return Object.fromEntries([...this.files].sort());
  }
}

export class FakeConfigCluster implements ConfigNodes {
  constructor(
    readonly id: string,
    readonly nodes: FakeConfigNode[],
  ) {}

  byId(nodeId: string): FakeConfigNode {
    const n = this.nodes.find((x) => x.id === nodeId);
    if (!n) throw new Error(`no fake node ${nodeId}`);
    return n;
  }

  nodeIds(clusterId: string): string[] | undefined {
    return clusterId === this.id ? this.nodes.map((n) => n.id) : undefined;
  }

  node(clusterId: string, nodeId: string): ConfigNodeNow | undefined {
    const n = clusterId === this.id ? this.nodes.find((x) => x.id === nodeId) : undefined;
    if (!n) return undefined;
    return n.up ? { name: `host-${n.id}`, agent: n } : { name: `host-${n.id}`, down: 'the link was lost' };
  }
}
