import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ActionResult, JobRecord } from '../../../agent/src/protocol/jobTypes';
import type { MetricsSample } from '../../../agent/src/protocol/metricsTypes';
import type { ProcList, ProcRow } from '../../../agent/src/protocol/procTypes';
import { AgentProcess } from '../../support/agentProcess';
import { cpuTicksOver, isGone, readProcStat, waitForCpu, waitUntil } from '../../support/procState';

const BURN = ['node', '-e', 'for (;;) {}'];
let stateDir: string;
let agent: AgentProcess;
let nextId = 1;
const started: ChildProcess[] = [];

async function ok<T>(method: string, params: unknown): Promise<T> {
  const reply = await agent.call(nextId++, method, params);
  if (reply.error) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.result as T;
}

async function rowOf(pid: number): Promise<ProcRow | undefined> {
  return (await ok<ProcList>('procs.list', {})).rows.find((r) => r.pid === pid);
}

async function fails(method: string, params: unknown): Promise<{ code: number; message: string }> {
  const reply = await agent.call(nextId++, method, params);
  if (!reply.error) throw new Error(`${method} should have failed, got ${JSON.stringify(reply.result)}`);
  return reply.error;
}

function startAgent(): void {
  agent = new AgentProcess({ env: { MOSDESK_AGENT_STATE_DIR: stateDir } });
}

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'mosdesk-jobs-'));
  startAgent();
  await ok('hello', { protocolVersion: 1 });
});

afterEach(() => {
  for (const c of started.splice(0)) c.kill('SIGKILL');
});

afterAll(async () => {
  const jobs = await ok<JobRecord[]>('jobs.list', {});
  for (const j of jobs) if (j.pid && !isGone(j.pid)) process.kill(j.pid, 'SIGKILL');
  agent.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('freeze, continue and kill a process the agent did not start', () => {
  it('stops it with SIGSTOP, resumes it, and kills it, as /proc shows', async () => {
    const burner = spawn(BURN[0] as string, BURN.slice(1), { stdio: 'ignore' });
    started.push(burner);
    const pid = burner.pid as number;
    await waitUntil('the burner to run', () => readProcStat(pid)?.state === 'R');

    const frozen = await ok<ActionResult>('proc.freeze', { pid });
    expect(frozen).toEqual({ pids: [pid], method: 'sigstop' });
    await waitUntil('state T', () => readProcStat(pid)?.state === 'T');
    expect(await cpuTicksOver(pid, 400)).toBe(0);
    expect(await rowOf(pid)).toMatchObject({ frz: 'M', freeze: { by: 'root', method: 'sigstop' }, class: 'native' });
    expect((await ok<MetricsSample>('metrics.read', {})).processes.frozen).toBeGreaterThanOrEqual(1);

    await ok('proc.continue', { pid });
    await waitUntil('it to run again', () => readProcStat(pid)?.state === 'R');
    expect(await rowOf(pid)).toMatchObject({ frz: '-', freeze: null });
    await waitForCpu(pid, 10);

    await ok('proc.signal', { pid, signal: 'SIGKILL' });
    await waitUntil('it to end', () => isGone(pid));
  });

  it('refuses init, itself, kernel threads and missing pids with clear errors', async () => {
    expect(await fails('proc.freeze', { pid: 1 })).toMatchObject({
      code: 1005,
      message: expect.stringContaining('init'),
    });
    const self = await fails('proc.signal', { pid: agent.child.pid, signal: 'SIGKILL' });
    expect(self).toMatchObject({ code: 1005, message: expect.stringContaining('agent') });
    expect(await fails('proc.freeze', { pid: 2 })).toMatchObject({
      code: 1003,
      message: expect.stringContaining('kernel thread'),
    });
    expect(await fails('proc.continue', { pid: 4_000_000 })).toMatchObject({ code: 1004 });
    expect(await fails('proc.signal', { pid: 4_000_000, signal: 'SIGNOPE' })).toMatchObject({ code: -32602 });
  });
});

describe('jobs started through the agent', () => {
  it('freezes, continues and kills a job by Job ID with the cgroup freezer', async () => {
    const job = await ok<JobRecord>('job.run', { argv: BURN, cwd: '/tmp', jobId: 42 });
    expect(job).toMatchObject({ jobId: 42, state: 'running', cwd: '/tmp' });
    const pid = job.pid as number;
    expect(job.cgroup).toMatch(/mosdesk/);
    const cgroup = job.cgroup as string;
    expect(readFileSync(join(cgroup, 'cgroup.procs'), 'utf8')).toContain(String(pid));

    const frozen = await ok<ActionResult>('proc.freeze', { jobId: 42 });
    expect(frozen).toEqual({ pids: [pid], method: 'cgroup' });
    expect(readFileSync(join(cgroup, 'cgroup.events'), 'utf8')).toMatch(/^frozen 1$/m);
    expect(await cpuTicksOver(pid, 400)).toBe(0);
    expect(await rowOf(pid)).toMatchObject({
      frz: 'M',
      class: 'local',
      jobId: 42,
      runId: job.runId,
      origPid: pid,
      nmigs: 0,
    });
    const jobRows = (await ok<ProcList>('procs.list', { jobId: 42 })).rows;
    expect(jobRows.map((r) => r.pid)).toContain(pid);
    expect(jobRows.every((r) => r.jobId === 42)).toBe(true);
    const listed = await ok<JobRecord[]>('jobs.list', {});
    expect(listed.find((j) => j.runId === job.runId)).toMatchObject({
      state: 'frozen',
      freeze: { code: 'M', method: 'cgroup' },
    });

    await ok('proc.continue', { jobId: 42 });
    expect(readFileSync(join(cgroup, 'cgroup.events'), 'utf8')).toMatch(/^frozen 0$/m);
    await waitForCpu(pid, 10);

    expect(await ok<ActionResult>('proc.signal', { jobId: 42, signal: 'SIGTERM' })).toEqual({
      pids: [pid],
      method: 'signal',
    });
    await waitUntil('the job to end', () => isGone(pid));
    await waitUntil('the exit to be recorded', () => existsSync(join(stateDir, 'jobs', job.runId, 'exit')));
    const ended = (await ok<JobRecord[]>('jobs.list', {})).find((j) => j.runId === job.runId);
    expect(ended).toMatchObject({ state: 'exited', exit: { code: null, signal: 'SIGTERM' } });
    expect(await fails('proc.freeze', { jobId: 42 })).toMatchObject({ code: 1004 });
  });

  it('records the exit code and the output, and hides env values', async () => {
    const job = await ok<JobRecord>('job.run', {
      argv: ['sh', '-c', 'echo "out $SECRET_NAME_ONLY"; echo é-err >&2; exit 3'],
      cwd: '/tmp',
      env: { SECRET_NAME_ONLY: 'hunter2' },
    });
    let record: JobRecord | undefined;
    await waitUntil('the exit record', async () => {
      record = (await ok<JobRecord[]>('jobs.list', {})).find((j) => j.runId === job.runId);
      return record?.state === 'exited';
    });
    expect(record).toMatchObject({ exit: { code: 3, signal: null }, envNames: ['SECRET_NAME_ONLY'] });
    const out = await ok<{ data: string; nextOffset: number; ended: boolean }>('job.output', {
      runId: job.runId,
      stream: 'stdout',
      offset: 0,
    });
    expect(out).toMatchObject({ data: 'out hunter2\n', nextOffset: 12, ended: true });
    const err = await ok<{ data: string }>('job.output', { runId: job.runId, stream: 'stderr', offset: 0 });
    expect(err.data).toBe('é-err\n');
    const files = readFileSync(join(stateDir, 'jobs', job.runId, 'record.json'), 'utf8');
    expect(files).not.toContain('hunter2');
    expect(await ok('job.forget', { runId: job.runId })).toEqual({ removed: true });
    expect(await fails('job.output', { runId: job.runId, stream: 'stdout', offset: 0 })).toMatchObject({ code: 1004 });
  });

  it('refuses what cannot start, saying why', async () => {
    expect(await fails('job.run', { argv: ['true'], cwd: '/no/such/dir' })).toMatchObject({
      code: 1004,
      message: expect.stringContaining('/no/such/dir'),
    });
    expect(await fails('job.run', { argv: ['no-such-program-xyz'], cwd: '/tmp' })).toMatchObject({
      code: 1004,
      message: expect.stringContaining('no-such-program-xyz'),
    });
    expect(await fails('job.run', { argv: ['true'], cwd: '/tmp', memMb: 16_000_000 })).toMatchObject({
      code: 1006,
      message: expect.stringContaining('MB available'),
    });
    expect(await fails('job.run', { argv: ['true'], cwd: '/tmp/../etc' })).toMatchObject({ code: -32602 });
    expect(await fails('proc.migrate', { pid: 4242, to: 'node2' })).toMatchObject({
      code: 1003,
      message: expect.stringContaining('MOSIX'),
    });
    expect(await fails('proc.checkpoint', { jobId: 1, then: 'stop' })).toMatchObject({ code: 1003 });
  });

  it('removes run cgroups left empty while no agent watched, and keeps the busy ones', async () => {
    const job = await ok<JobRecord>('job.run', { argv: ['sleep', '30'], cwd: '/tmp', jobId: 11 });
    const leftover = join(dirname(job.cgroup as string), `0-leftover-${process.pid}`);
    mkdirSync(leftover);
    const fresh = join(dirname(job.cgroup as string), `0-starting-${process.pid}`);
    mkdirSync(fresh);
    // Only cgroups older than a minute are swept: a younger one may be a run being started.
    const old = new Date(Date.now() - 120_000);
    utimesSync(leftover, old, old);
    agent.stop();
    await waitUntil('the agent to exit', () => agent.child.exitCode !== null || agent.child.signalCode !== null);
    startAgent();
    await ok('hello', { protocolVersion: 1 });
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    rmdirSync(fresh);
    expect(existsSync(job.cgroup as string)).toBe(true);
    await ok('proc.signal', { jobId: 11, signal: 'SIGKILL' });
  });

  it('outlives the agent, and a new agent knows it from its records', async () => {
    const job = await ok<JobRecord>('job.run', {
      argv: ['sh', '-c', 'while :; do echo tick; sleep 0.1; done'],
      cwd: '/tmp',
      jobId: 9,
    });
    const pid = job.pid as number;
    agent.stop();
    await waitUntil('the agent to exit', () => agent.child.exitCode !== null || agent.child.signalCode !== null);
    await new Promise((r) => setTimeout(r, 300));
    expect(isGone(pid)).toBe(false);

    startAgent();
    await ok('hello', { protocolVersion: 1 });
    const again = (await ok<JobRecord[]>('jobs.list', { includeEnded: false })).find((j) => j.runId === job.runId);
    expect(again).toMatchObject({ pid, state: 'running', jobId: 9 });
    const out = await ok<{ data: string }>('job.output', { runId: job.runId, stream: 'stdout', offset: 0 });
    expect(out.data).toMatch(/^(tick\n){2,}/);
    await ok('proc.signal', { jobId: 9, signal: 'SIGKILL' });
    await waitUntil('it to end', () => isGone(pid));
  });
});
