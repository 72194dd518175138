import { spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionResult, JobRecord } from '../../../agent/src/protocol/jobTypes';
import type { Hello } from '../../../agent/src/protocol/types';
import { AgentProcess } from '../../support/agentProcess';
import { type BundleCopy, copyBundleForOtherUsers } from '../../support/bundleCopy';
import { cpuTicksOver, isGone, readProcStat, waitAsleep, waitForCpu, waitUntil } from '../../support/procState';

// The agent as an ordinary user (nobody): it may act on its own processes only, and without
// root it cannot create cgroups, so its jobs are frozen with SIGSTOP.
const NOBODY = 65534;
let stateDir: string;
let agent: AgentProcess;
let bundle: BundleCopy;
let nextId = 1;

async function call(method: string, params: unknown) {
  return agent.call(nextId++, method, params);
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('this test runs as root (npm test does), to start the agent as nobody');
  stateDir = mkdtempSync(join(tmpdir(), 'mosdesk-nobody-'));
  chownSync(stateDir, NOBODY, NOBODY);
  bundle = copyBundleForOtherUsers();
  agent = new AgentProcess({
    bundle: bundle.path,
    prefix: ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'],
    env: { MOSDESK_AGENT_STATE_DIR: stateDir, HOME: stateDir },
  });
  await call('hello', { protocolVersion: 1 });
});

afterAll(() => {
  agent?.stop();
  bundle?.remove();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('an agent running as an ordinary user', () => {
  it('says who it is and that jobs freeze with SIGSTOP', async () => {
    const hello = (await call('hello', { protocolVersion: 1 })).result as Hello;
    expect(hello.user).toMatchObject({ uid: NOBODY, isRoot: false });
    expect(hello.jobFreezeMethod).toBe('sigstop');
    expect(hello.capabilities.freeze).toBe(true);
  });

  it("refuses another user's process with a permission error that names both users", async () => {
    const rootSleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      // A process just started may still be running (R) on a busy machine: wait for its sleep,
      // so that S afterwards shows the refusal left it alone.
      await waitAsleep(rootSleeper.pid as number, 'sleep');
      const reply = await call('proc.freeze', { pid: rootSleeper.pid });
      expect(reply.error).toMatchObject({ code: 1005 });
      expect(reply.error?.message).toContain('belongs to root');
      expect(reply.error?.message).toContain(`runs as ${'nobody'}`);
      expect(readProcStat(rootSleeper.pid as number)?.state).toBe('S');
      const kill = await call('proc.signal', { pid: rootSleeper.pid, signal: 'SIGKILL' });
      expect(kill.error).toMatchObject({ code: 1005 });
      expect(isGone(rootSleeper.pid as number)).toBe(false);
      const other = await call('proc.freeze', { jobId: 1, user: 'root' });
      expect(other.error).toMatchObject({ code: 1005 });
    } finally {
      rootSleeper.kill('SIGKILL');
    }
  });

  it('freezes and continues its own job by Job ID with SIGSTOP/SIGCONT, child processes too', async () => {
    const run = await call('job.run', { argv: ['sh', '-c', 'node -e "for(;;){}" & wait'], cwd: '/tmp', jobId: 5 });
    const job = run.result as JobRecord;
    expect(job).toMatchObject({ cgroup: null, state: 'running', uid: NOBODY });
    let members: number[] = [];
    await waitUntil('the burner child to start', async () => {
      const frozen = (await call('proc.freeze', { jobId: 5 })).result as ActionResult;
      members = frozen.pids;
      if (members.length < 2) await call('proc.continue', { jobId: 5 });
      return members.length === 2;
    });
    for (const pid of members) await waitUntil(`process ${pid} stopped`, () => readProcStat(pid)?.state === 'T');
    const burner = members.find((p) => p !== job.pid) as number;
    expect(await cpuTicksOver(burner, 400)).toBe(0);
    const listed = ((await call('jobs.list', {})).result as JobRecord[])[0];
    expect(listed).toMatchObject({ state: 'frozen', freeze: { code: 'M', method: 'sigstop', by: 'nobody' } });

    await call('proc.continue', { jobId: 5 });
    await waitForCpu(burner, 10);
    await call('proc.signal', { jobId: 5, signal: 'SIGKILL' });
    for (const pid of members) await waitUntil(`process ${pid} gone`, () => isGone(pid));
  });
});
