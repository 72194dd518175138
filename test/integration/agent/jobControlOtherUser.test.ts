import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionResult, JobRecord } from '../../../agent/src/protocol/jobTypes';
import { AgentProcess } from '../../support/agentProcess';
import { type BundleCopy, copyBundleForOtherUsers } from '../../support/bundleCopy';
import { cpuTicksOver, isGone, readProcStat, waitForCpu, waitUntil } from '../../support/procState';

// Job IDs are per user. A root agent may act on another user's Job IDs; that user's records
// live in their home, and stay readable by their own agent afterwards.
const USER = `mosdesk-jt${process.pid % 10000}`;
let home: string;
let rootState: string;
let userAgent: AgentProcess;
let bundle: BundleCopy;
let rootAgent: AgentProcess;
let nextId = 1;

async function ok<T>(agent: AgentProcess, method: string, params: unknown): Promise<T> {
  const reply = await agent.call(nextId++, method, params);
  if (reply.error) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.result as T;
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('this test runs as root (npm test does), to create a user');
  home = mkdtempSync(join(tmpdir(), 'mosdesk-home-'));
  rmSync(home, { recursive: true });
  execFileSync('useradd', ['--system', '--create-home', '--home-dir', home, '--shell', '/usr/sbin/nologin', USER]);
  const uid = execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim();
  bundle = copyBundleForOtherUsers();
  userAgent = new AgentProcess({
    bundle: bundle.path,
    prefix: ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups'],
    env: { HOME: home, MOSDESK_AGENT_STATE_DIR: '' },
  });
  rootState = mkdtempSync(join(tmpdir(), 'mosdesk-root-'));
  rootAgent = new AgentProcess({ env: { MOSDESK_AGENT_STATE_DIR: rootState } });
  await ok(userAgent, 'hello', { protocolVersion: 1 });
  await ok(rootAgent, 'hello', { protocolVersion: 1 });
});

afterAll(async () => {
  userAgent?.stop();
  rootAgent?.stop();
  bundle?.remove();
  try {
    execFileSync('pkill', ['-KILL', '-u', USER]);
  } catch {
    // nothing of the user's left running
  }
  // userdel refuses a user who still has processes, and killed ones take a moment to be reaped.
  await waitUntil(`no processes of ${USER}`, () => !hasProcesses(USER));
  execFileSync('userdel', ['--remove', USER], { stdio: 'ignore' });
  rmSync(home, { recursive: true, force: true });
  rmSync(rootState, { recursive: true, force: true });
});

function hasProcesses(user: string): boolean {
  try {
    execFileSync('pgrep', ['-u', user], { stdio: 'ignore' });
    return true;
  } catch {
    return false; // pgrep exits 1 when nothing matches
  }
}

describe("root and another user's Job IDs", () => {
  it("freezes, continues and kills the user's job by Job ID, and the user's agent sees it", async () => {
    const job = await ok<JobRecord>(userAgent, 'job.run', { argv: ['node', '-e', 'for(;;){}'], cwd: '/tmp', jobId: 3 });
    expect(job.stdoutPath.startsWith(join(home, '.local', 'state', 'mosdesk-agent'))).toBe(true);
    const pid = job.pid as number;

    const refused = await rootAgent.call(nextId++, 'proc.freeze', { jobId: 3 });
    expect(refused.error).toMatchObject({ code: 1004, message: 'root has no running job with Job ID 3 on this node.' });

    const frozen = await ok<ActionResult>(rootAgent, 'proc.freeze', { jobId: 3, user: USER });
    expect(frozen).toEqual({ pids: [pid], method: 'sigstop' });
    await waitUntil('state T', () => readProcStat(pid)?.state === 'T');
    expect(await cpuTicksOver(pid, 300)).toBe(0);
    const seen = (await ok<JobRecord[]>(userAgent, 'jobs.list', {}))[0];
    expect(seen).toMatchObject({ state: 'frozen', freeze: { code: 'M', by: 'root', method: 'sigstop' } });
    const record = statSync(join(home, '.local', 'state', 'mosdesk-agent', 'jobs', job.runId, 'record.json'));
    expect(record.uid).toBe(job.uid);

    await ok(rootAgent, 'proc.continue', { jobId: 3, user: USER });
    await waitForCpu(pid, 10);
    await ok(rootAgent, 'proc.signal', { jobId: 3, user: USER, signal: 'SIGKILL' });
    await waitUntil('the job to end', () => isGone(pid));
    const missing = await rootAgent.call(nextId++, 'proc.freeze', { jobId: 3, user: 'no-such-user-x' });
    expect(missing.error).toMatchObject({ code: 1004, message: expect.stringContaining('no user no-such-user-x') });
  });
});
