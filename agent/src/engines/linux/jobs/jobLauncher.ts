import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, existsSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RpcError, RpcErrorCode } from '../../../protocol/errors';
import type { Params } from '../../../protocol/methods';
import type { AgentUser } from '../../../protocol/types';
import type { JobCgroups } from '../control/cgroupFreezer';
import { readProcIdentity } from '../procIdentity';
import type { JobStore } from './jobStore';
import { LAUNCHER_NAME, LAUNCHER_SCRIPT } from './launcherScript';
import { findProgram } from './programPath';
import type { StoredRun } from './storedRun';

export interface LaunchDeps {
  store: JobStore;
  user: AgentUser;
  cgroups: JobCgroups | null;
  /** Bytes the node can give new work now (MemAvailable). */
  availableMemory: () => Promise<number>;
}

const MiB = 1024 * 1024;

function checkCwd(cwd: string): void {
  try {
    if (!statSync(cwd).isDirectory()) throw new Error('not a directory');
    accessSync(cwd, constants.X_OK);
  } catch {
    throw new RpcError(
      RpcErrorCode.NotFound,
      `The working directory ${cwd} does not exist on this node or cannot be entered.`,
    );
  }
}

async function checkMemory(memMb: number | undefined, deps: LaunchDeps): Promise<void> {
  if (memMb === undefined) return;
  const available = await deps.availableMemory();
  if (memMb * MiB > available) {
    throw new RpcError(
      RpcErrorCode.CommandFailed,
      `The job declares ${memMb} MB (mosrun -m) but this node has ${Math.floor(available / MiB)} MB available; it was not started.`,
    );
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the launcher detached; resolves once the kernel has started it (or rejects why not). */
function spawnLauncher(args: string[], cwd: string, env: NodeJS.ProcessEnv, out: number, err: number): Promise<number> {
  const child = spawn('/bin/sh', ['-c', LAUNCHER_SCRIPT, LAUNCHER_NAME, ...args], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', out, err],
  });
  return new Promise((resolve, reject) => {
    child.once('error', (e) =>
      reject(new RpcError(RpcErrorCode.CommandFailed, `Could not start the job: ${e.message}`)),
    );
    child.once('spawn', () => {
      child.unref();
      resolve(child.pid as number);
    });
  });
}

/** `mosrun` on one node: starts `argv` as a job that outlives the agent, and records it. */
export async function launchJob(params: Params<'job.run'>, deps: LaunchDeps): Promise<StoredRun> {
  checkCwd(params.cwd);
  const env = { ...process.env, ...params.env };
  const program = findProgram(params.argv[0] as string, params.cwd, env.PATH);
  if (!program) {
    throw new RpcError(
      RpcErrorCode.NotFound,
      `No program "${(params.argv[0] as string).slice(0, 200)}" on this node (PATH ${env.PATH ?? 'unset'}).`,
    );
  }
  await checkMemory(params.memMb, deps);
  const runId = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const dir = deps.store.runDir(runId);
  deps.store.save(placeholderRun(runId, dir, params, deps.user)); // the directory exists before anything runs
  const cgroup = deps.cgroups ? deps.cgroups.create(`${deps.user.uid}-${runId}`) : null;
  const out = openSync(join(dir, 'stdout'), 'a', 0o600);
  const err = openSync(join(dir, 'stderr'), 'a', 0o600);
  let supervisorPid: number;
  try {
    supervisorPid = await spawnLauncher([cgroup ?? '', dir, ...params.argv], params.cwd, env, out, err);
  } catch (e) {
    deps.store.forgetFailed(runId);
    if (cgroup) deps.cgroups?.remove(cgroup);
    throw e;
  } finally {
    closeSync(out);
    closeSync(err);
  }
  const run = deps.store.get(runId) as StoredRun;
  run.record.supervisorPid = supervisorPid;
  run.record.cgroup = cgroup;
  run.supervisorStartTicks = readProcIdentity(supervisorPid)?.startTicks ?? -1;
  deps.store.save(run);
  // The launcher reports the program's pid within milliseconds; wait a little so the reply has it.
  for (let i = 0; i < 100 && !existsSync(join(dir, 'pid')) && !existsSync(join(dir, 'exit')); i++) await sleep(10);
  return deps.store.get(runId) as StoredRun;
}

function placeholderRun(runId: string, dir: string, params: Params<'job.run'>, user: AgentUser): StoredRun {
  const startedAt = Date.now();
  return {
    record: {
      runId,
      jobId: params.jobId ?? 0,
      user: user.name,
      uid: user.uid,
      argv: params.argv,
      cwd: params.cwd,
      envNames: Object.keys(params.env ?? {}).sort(),
      memMb: params.memMb ?? null,
      dueAt: params.dueMinutes === undefined ? null : startedAt + params.dueMinutes * 60_000,
      startedAt,
      pid: null,
      supervisorPid: 0,
      cgroup: null,
      state: 'starting',
      freeze: null,
      exit: null,
      stdoutPath: join(dir, 'stdout'),
      stderrPath: join(dir, 'stderr'),
    },
    supervisorStartTicks: -1,
    pidStartTicks: null,
    stoppedPids: [],
  };
}
