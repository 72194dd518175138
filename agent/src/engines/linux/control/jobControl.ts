import { RpcError, RpcErrorCode } from '../../../protocol/errors';
import type { ActionResult } from '../../../protocol/jobTypes';
import type { Params } from '../../../protocol/methods';
import type { FreezeInfo } from '../../../protocol/procTypes';
import type { AgentUser } from '../../../protocol/types';
import type { JobStore } from '../jobs/jobStore';
import type { StoredRun } from '../jobs/storedRun';
import type { JobCgroups } from './cgroupFreezer';
import type { FreezeRegistry } from './freezeRegistry';
import { runMembers } from './jobMembers';
import { guardProcess, sendSignal, type Verb } from './processGuard';

export interface ControlDeps {
  user: AgentUser;
  store: JobStore;
  /** Another user's job records (root only). */
  storeOf(user: string): JobStore;
  freezes: FreezeRegistry;
  cgroups: JobCgroups | null;
  userName(uid: number): string;
}

type Target = Params<'proc.freeze'>;

/** Freeze, continue and signal, by pid or by Job ID (`migrate -J`, `moskillall -J`). */
export class JobControl {
  /** Actions run one at a time, so a freeze and a continue sent together cannot interleave. */
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ControlDeps) {}

  private exclusive<T>(action: () => Promise<T>): Promise<T> {
    const next = this.last.then(action, action);
    this.last = next.catch(() => undefined);
    return next;
  }

  freeze(target: Target): Promise<ActionResult> {
    return this.exclusive(() =>
      this.apply(
        target,
        'freeze',
        (run, store) => this.freezeRun(run, store),
        (pid, startTicks) => {
          sendSignal(pid, 'SIGSTOP', this.deps.user);
          this.deps.freezes.add(pid, startTicks, this.freezeInfo('sigstop'));
          return { pids: [pid], method: 'sigstop' };
        },
      ),
    );
  }

  continue(target: Target): Promise<ActionResult> {
    return this.exclusive(() =>
      this.apply(
        target,
        'continue',
        (run, store) => this.continueRun(run, store),
        (pid) => {
          sendSignal(pid, 'SIGCONT', this.deps.user);
          this.deps.freezes.remove(pid);
          return { pids: [pid], method: 'sigstop' };
        },
      ),
    );
  }

  signal(target: Target, signal: NodeJS.Signals): Promise<ActionResult> {
    const send = (pids: number[]): ActionResult => ({
      pids: pids.filter((p) => sendSignal(p, signal, this.deps.user)),
      method: 'signal',
    });
    return this.exclusive(() =>
      this.apply(
        target,
        'signal',
        async (run) => send(runMembers(run, this.deps.cgroups)),
        (pid) => send([pid]),
      ),
    );
  }

  /** A pid that is a job's program acts on the whole run (its cgroup); any other pid alone. */
  private async apply(
    target: Target,
    verb: Verb,
    onRun: (run: StoredRun, store: JobStore) => Promise<ActionResult>,
    onPid: (pid: number, startTicks: number) => ActionResult,
  ): Promise<ActionResult> {
    if (target.pid !== undefined) {
      const id = guardProcess(target.pid, verb, this.deps.user, (uid) => this.deps.userName(uid));
      const run = this.deps.store
        .active()
        .find((r) => r.record.pid === target.pid && r.pidStartTicks === id.startTicks);
      return run && verb !== 'signal' ? onRun(run, this.deps.store) : onPid(target.pid, id.startTicks);
    }
    const { store, runs } = this.runsOfJob(target.jobId as number, target.user);
    const results = await Promise.all(runs.map((run) => onRun(run, store)));
    return { pids: results.flatMap((r) => r.pids), method: results[0]?.method };
  }

  private runsOfJob(jobId: number, user: string | undefined): { store: JobStore; runs: StoredRun[] } {
    const self = this.deps.user;
    const owner = user ?? self.name;
    if (owner !== self.name && !self.isRoot) {
      throw new RpcError(
        RpcErrorCode.PermissionDenied,
        `Job ${jobId} of ${owner} is not yours: this agent runs as ${self.name}, and only ${owner} or root may act on it.`,
      );
    }
    const store = owner === self.name ? this.deps.store : this.deps.storeOf(owner);
    store.refresh();
    const runs = store.active().filter((r) => r.record.jobId === jobId);
    if (runs.length === 0) {
      throw new RpcError(RpcErrorCode.NotFound, `${owner} has no running job with Job ID ${jobId} on this node.`);
    }
    return { store, runs };
  }

  private freezeInfo(method: FreezeInfo['method']): FreezeInfo {
    return { code: 'M', by: this.deps.user.name, method, at: Date.now() };
  }

  private async freezeRun(run: StoredRun, store: JobStore): Promise<ActionResult> {
    const { cgroups } = this.deps;
    let pids = runMembers(run, cgroups);
    let method: FreezeInfo['method'] = 'sigstop';
    if (run.record.cgroup && cgroups) {
      await cgroups.setFrozen(run.record.cgroup, true);
      method = 'cgroup';
    } else {
      pids = pids.filter((p) => sendSignal(p, 'SIGSTOP', this.deps.user));
      run.stoppedPids = [...new Set([...run.stoppedPids, ...pids])];
    }
    run.record.freeze = this.freezeInfo(method);
    run.record.state = 'frozen';
    store.save(run);
    return { pids, method };
  }

  private async continueRun(run: StoredRun, store: JobStore): Promise<ActionResult> {
    const { cgroups } = this.deps;
    const pids = runMembers(run, cgroups);
    if (run.record.cgroup && cgroups) await cgroups.setFrozen(run.record.cgroup, false);
    // Also SIGCONT: a run may have been stopped by hand (Ctrl-Z, kill -STOP) as well.
    const continued = pids.filter((p) => sendSignal(p, 'SIGCONT', this.deps.user));
    run.stoppedPids = [];
    run.record.freeze = null;
    if (run.record.state === 'frozen') run.record.state = 'running';
    store.save(run);
    return { pids: continued, method: run.record.cgroup && cgroups ? 'cgroup' : 'sigstop' };
  }
}
