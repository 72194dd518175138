/**
 * The agent bundle on Node 18, the oldest Node a cluster node may have: the same bundle the hub
 * uploads, run by Debian's Node 18 (test/setup/node18.ts), checked method by method against the
 * real /proc and real processes. `npm test` provisions Node 18 and passes it in MOSDESK_NODE18;
 * under plain vitest this file provisions it itself (as root) or fails saying how.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statfsSync,
} from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionResult, JobOutput, JobRecord } from '../../../agent/src/protocol/jobTypes';
import type { AgentNotifications } from '../../../agent/src/protocol/methods';
import type { MetricsSample, NodeStatus } from '../../../agent/src/protocol/metricsTypes';
import type { ProcList, ProcRow } from '../../../agent/src/protocol/procTypes';
import type { Hello } from '../../../agent/src/protocol/types';
import { AGENT_VERSION, PROTOCOL_VERSION, READY_MARKER } from '../../../agent/src/protocol/version';
import { ensureNode18 } from '../../setup/node18';
import { type AgentMessage, AgentProcess } from '../../support/agentProcess';
import { AGENT_BUNDLE, requireBuilt } from '../../support/dist';
import { readProcStat, waitAsleep, waitUntil } from '../../support/procState';

let node18: string;
let agent: AgentProcess;
let stateDir: string;
let nextId = 100;
const sleepers: ChildProcess[] = [];

/** The result of a call, or a failure that names the method and the agent's error. */
const ok = <T>(method: string, params: unknown = {}): Promise<T> => agent.ok<T>(method, params);

/** A sleep(1) that has exec'd and is asleep: just started, it may still be node's fork, or R. */
async function startSleeper(): Promise<number> {
  const child = spawn('sleep', ['300'], { stdio: 'ignore' });
  sleepers.push(child);
  const pid = child.pid as number;
  await waitAsleep(pid, 'sleep');
  return pid;
}

/** As long as this file always gave a wait: Node 18's agent can be slower to answer. */
const until = (what: string, check: () => boolean | Promise<boolean>): Promise<void> => waitUntil(what, check, 10_000);
/** The state letter of /proc/<pid>/stat, or undefined once the process is gone. */
const procState = (pid: number): string | undefined => readProcStat(pid)?.state;

const procCount = (): number => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).length;
const memTotalBytes = (): number =>
  Number(/^MemTotal:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]) * 1024;
/** Who the agent runs as: whoever runs the tests (root in CI). */
const me = { name: userInfo().username, uid: userInfo().uid };
const cpuCount = (): number => Number(execFileSync('getconf', ['_NPROCESSORS_ONLN'], { encoding: 'utf8' }));
/** Process counts move while other tests run beside this one. */
const near = (a: number, b: number): boolean => Math.abs(a - b) <= Math.max(20, b * 0.1);

beforeAll(async () => {
  requireBuilt(AGENT_BUNDLE);
  node18 = process.env.MOSDESK_NODE18 ?? ensureNode18();
  stateDir = mkdtempSync(join(tmpdir(), 'mosdesk-node18-state-'));
  agent = new AgentProcess({ node: node18, env: { MOSDESK_AGENT_STATE_DIR: stateDir } });
  await ok<Hello>('hello', { protocolVersion: 1 });
}, 300_000);

afterAll(() => {
  agent?.stop();
  for (const s of sleepers) s.kill('SIGKILL');
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('Node 18 itself', () => {
  it('answers v18.x, and it is what runs the agent', () => {
    expect(execFileSync(node18, ['--version'], { encoding: 'utf8' })).toMatch(/^v18\.\d+\.\d+\n$/);
    // The wrapper execs Debian's node, so the agent's pid is that binary.
    expect(realpathSync(`/proc/${agent.child.pid}/exe`)).toBe(join(dirname(realpathSync(node18)), 'usr/bin/node'));
  });

  it('runs the bundle with --version', () => {
    const out = execFileSync(node18, [AGENT_BUNDLE, '--version'], { encoding: 'utf8' });
    expect(out).toBe(`${AGENT_VERSION} protocol ${PROTOCOL_VERSION}\n`);
  });
});

describe('the bundle is one self-contained .cjs', () => {
  it('requires nothing but modules built into Node 18', () => {
    const builtins = JSON.parse(
      execFileSync(node18, ['-p', 'JSON.stringify(require("module").builtinModules)'], {
        encoding: 'utf8',
      }),
    ) as string[];
    const required = [...readFileSync(AGENT_BUNDLE, 'utf8').matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map(
      (m) => (m[1] as string).replace(/^node:/, ''),
    );
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((name) => !builtins.includes(name))).toEqual([]);
  });

  it('serves from a copy in a temp dir with no node_modules above it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mosdesk-bundle-copy-'));
    try {
      for (let d = dir; d !== '/'; d = dirname(d)) expect(existsSync(join(d, 'node_modules'))).toBe(false);
      expect(existsSync('/node_modules')).toBe(false);
      const copy = join(dir, 'mosdesk-agent.cjs');
      copyFileSync(AGENT_BUNDLE, copy);
      const lines = [
        { jsonrpc: '2.0', id: 1, method: 'hello', params: { protocolVersion: 1 } },
        { jsonrpc: '2.0', id: 2, method: 'ping', params: {} },
      ].map((m) => `${JSON.stringify(m)}\n`);
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, MOSDESK_AGENT_STATE_DIR: join(dir, 'state') };
      // stdin closes after the two requests; the agent answers them and exits.
      const run = spawnSync(node18, [copy, 'serve', '--stdio'], {
        cwd: dir,
        env,
        input: lines.join(''),
        timeout: 20_000,
      });
      const out = run.stdout.toString().trim().split('\n');
      expect(out[0]).toBe(READY_MARKER);
      const replies = out.slice(1).map((l) => JSON.parse(l) as AgentMessage);
      expect(replies.find((r) => r.id === 1)?.result).toMatchObject({ engine: 'linux', protocolVersion: 1 });
      expect(replies.find((r) => r.id === 2)?.result).toMatchObject({ pong: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the protocol on Node 18', () => {
  it('printed its ready marker first', () => {
    expect(agent.sawMarker).toBe(true);
  });

  it('says hello with this machine identity', async () => {
    const hello = await ok<Hello>('hello', { protocolVersion: 1 });
    expect(hello).toMatchObject({ engine: 'linux', protocolVersion: 1, agentVersion: AGENT_VERSION });
    expect(hello.node.hostname).toBe(hostname());
    expect(hello.node.cpuCount).toBe(cpuCount());
    expect(hello.node.kernel).toBe(execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim());
    expect(hello.user).toEqual({ ...me, isRoot: me.uid === 0 });
    expect(['cgroup', 'sigstop']).toContain(hello.jobFreezeMethod);
    for (const name of ['monitor', 'processes', 'freeze', 'signal', 'run', 'migrate', 'checkpoint', 'queue', 'grid']) {
      const cap = (hello.capabilities as Record<string, unknown>)[name];
      expect(cap === true || (typeof cap === 'string' && cap.length > 0), `capability ${name}: ${String(cap)}`).toBe(
        true,
      );
    }
  });

  it('answers ping with the current time', async () => {
    const before = Date.now();
    const pong = await ok<{ pong: true; at: number }>('ping');
    expect(pong.pong).toBe(true);
    expect(pong.at).toBeGreaterThanOrEqual(before - 1000);
    expect(pong.at).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('reads metrics that match /proc, and rates on the second read', async () => {
    const before = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    const first = await ok<MetricsSample>('metrics.read');
    const after = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    expect([Number(before), Number(after)]).toContain(first.load.one);
    expect(first).toMatchObject({ hostname: hostname(), cpuCount: cpuCount(), agentVersion: AGENT_VERSION });
    expect(first.memory.totalBytes).toBe(memTotalBytes());
    expect(Math.abs(Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) - first.uptimeSec)).toBeLessThan(5);
    expect(near(first.processes.total, procCount())).toBe(true);
    // Node 18.0 has no fs.statfs: the agent must either read "/" or say why, never crash.
    const root = first.disks.find((d) => d.mount === '/');
    expect(root).toBeDefined();
    if (root && 'totalBytes' in root) {
      const fs = statfsSync('/');
      expect(root.totalBytes).toBe(fs.blocks * fs.bsize);
    } else expect(root && 'error' in root && root.error.length > 0).toBe(true);
    expect(first.rates.cpuUtilPercent).toBeNull();
    await new Promise((r) => setTimeout(r, 1100));
    const second = await ok<MetricsSample>('metrics.read');
    expect(second.rates.cpuUtilPercent).toBeGreaterThanOrEqual(0);
    expect(second.rates.cpuUtilPercent).toBeLessThanOrEqual(100);
    expect(second.at).toBeGreaterThan(first.at);
  });

  it('reads the mosctl status fields', async () => {
    const status = await ok<NodeStatus>('status.read');
    expect(status.cpus).toBe(cpuCount());
    expect(status.memory.totalBytes).toBe(memTotalBytes());
    expect(status.accept.yes).toBe(false);
    expect(status.accept.reason.length).toBeGreaterThan(0);
    expect(Array.isArray(status.daemons)).toBe(true);
  });

  it('lists processes like ps does, its own row included', async () => {
    const sleeper = await startSleeper();
    const list = await ok<ProcList>('procs.list');
    expect(list.truncated).toBe(false);
    expect(near(list.rows.length, procCount())).toBe(true);
    const self = list.rows.find((r) => r.pid === agent.child.pid);
    expect(self).toMatchObject({ ppid: process.pid, user: me.name, uid: me.uid, where: 'here', from: 'here' });
    expect(self?.command).toContain('mosdesk-agent.cjs serve --stdio');
    const row = list.rows.find((r) => r.pid === sleeper) as ProcRow;
    expect(row).toMatchObject({ state: 'S', command: 'sleep 300', class: 'native', frz: '-', jobId: null });
    expect(Math.abs(row.startedAt - Date.now())).toBeLessThan(10_000);
    expect(row.rssBytes).toBeGreaterThan(0);
    const limited = await ok<ProcList>('procs.list', { limit: 1 });
    expect(limited.rows).toHaveLength(1);
    expect(limited.truncated).toBe(true);
  });

  it('streams metrics after subscribe, and stops after unsubscribe', async () => {
    const { subscriptionId } = await ok<{ subscriptionId: string }>('subscribe', { topic: 'metrics', intervalMs: 500 });
    const ours = (): AgentNotifications['metrics'][] =>
      agent.received
        .filter((m) => m.method === 'metrics')
        .map((m) => m.params as AgentNotifications['metrics'])
        .filter((p) => p.subscriptionId === subscriptionId);
    await until('3 metrics notifications', () => ours().length >= 3);
    expect(ours()[0]?.sample.memory.totalBytes).toBe(memTotalBytes());
    expect(ours()[2]?.sample.rates.cpuUtilPercent).not.toBeNull();
    expect(await ok('unsubscribe', { subscriptionId })).toEqual({ removed: true });
    const count = ours().length;
    await new Promise((r) => setTimeout(r, 1200));
    expect(ours().length).toBe(count);
  });

  it('streams process changes: the whole table, then what ended', async () => {
    const sleeper = await startSleeper();
    const { subscriptionId } = await ok<{ subscriptionId: string }>('subscribe', { topic: 'procs', intervalMs: 1000 });
    const ours = (): AgentNotifications['procs'][] =>
      agent.received
        .filter((m) => m.method === 'procs')
        .map((m) => m.params as AgentNotifications['procs'])
        .filter((p) => p.subscriptionId === subscriptionId);
    await until('the first procs notification', () => ours().length >= 1);
    expect(ours()[0]?.changes.full).toBe(true);
    expect(ours()[0]?.changes.upserted.map((r) => r.pid)).toContain(sleeper);
    process.kill(sleeper, 'SIGKILL');
    await until('the sleeper reported removed', () => ours().some((n) => n.changes.removed.includes(sleeper)));
    expect(await ok('unsubscribe', { subscriptionId })).toEqual({ removed: true });
  });
});

describe('job control and jobs on Node 18', () => {
  it('freezes, continues and signals a process', async () => {
    const pid = await startSleeper();
    expect((await ok<ActionResult>('proc.freeze', { pid })).pids).toEqual([pid]);
    await until('the sleeper stopped', () => procState(pid) === 'T');
    expect((await ok<ActionResult>('proc.continue', { pid })).pids).toEqual([pid]);
    await until('the sleeper running again', () => procState(pid) === 'S');
    expect((await ok<ActionResult>('proc.signal', { pid, signal: 'SIGTERM' })).pids).toEqual([pid]);
    await until('the sleeper gone', () => procState(pid) === undefined || procState(pid) === 'Z');
  });

  it('refuses to migrate or checkpoint, with a reason', async () => {
    const pid = await startSleeper();
    const migrate = await agent.call(nextId++, 'proc.migrate', { pid, to: '2' });
    expect(migrate.error?.code).toBe(1003);
    const checkpoint = await agent.call(nextId++, 'proc.checkpoint', { pid, then: 'continue' });
    expect(checkpoint.error?.code).toBe(1003);
    expect(procState(pid)).toBe('S');
  });

  it('runs a job, records its exit, serves its output and forgets it', async () => {
    const argv = ['sh', '-c', 'echo hello-from-node18; echo oops >&2; exit 3'];
    const job = await ok<JobRecord>('job.run', { argv, cwd: stateDir, jobId: 4242 });
    expect(job).toMatchObject({ argv, cwd: stateDir, jobId: 4242, user: me.name, uid: me.uid });
    let ended: JobRecord | undefined;
    await until('the job recorded as exited', async () => {
      const jobs = await ok<JobRecord[]>('jobs.list');
      ended = jobs.find((j) => j.runId === job.runId && j.state === 'exited');
      return ended !== undefined;
    });
    expect(ended?.exit).toMatchObject({ code: 3, signal: null });
    const out = await ok<JobOutput>('job.output', { runId: job.runId, stream: 'stdout', offset: 0 });
    expect(out).toMatchObject({ data: 'hello-from-node18\n', nextOffset: 18, ended: true });
    const err = await ok<JobOutput>('job.output', { runId: job.runId, stream: 'stderr', offset: 0 });
    expect(err.data).toBe('oops\n');
    expect(await ok('job.forget', { runId: job.runId })).toEqual({ removed: true });
    expect((await ok<JobRecord[]>('jobs.list')).some((j) => j.runId === job.runId)).toBe(false);
  });

  it('keeps serving after all of that', async () => {
    expect(agent.child.exitCode).toBeNull();
    expect(await ok('ping')).toMatchObject({ pong: true });
  });
});
