import { describe, expect, it } from 'vitest';
import type { ProcFacts } from '../../../../../../agent/src/engines/linux/annotations';
import { type AgentIdentity, buildRow } from '../../../../../../agent/src/engines/linux/processes/rows';
import type { ProcSample } from '../../../../../../agent/src/engines/linux/processes/sample';
import type { JobRecord } from '../../../../../../agent/src/protocol/jobTypes';
import type { FreezeInfo, ProcRow } from '../../../../../../agent/src/protocol/procTypes';
import { SLEEP_SAMPLE } from './rowFixtures';

const SLEEP = SLEEP_SAMPLE;
const KWORKER: ProcSample = {
  ...SLEEP,
  pid: 4,
  ppid: 2,
  sid: 0,
  comm: 'kworker/R-rcu_gp',
  state: 'I',
  flags: 69238880,
  uid: 0,
  user: 'root',
  rssBytes: 0,
  ttyNr: 0,
  command: '[kworker/R-rcu_gp]',
};
const KTHREADD: ProcSample = {
  ...KWORKER,
  pid: 2,
  ppid: 0,
  comm: 'kthreadd',
  state: 'S',
  flags: 2129984,
  command: '[kthreadd]',
};
/** A kernel that does not show PF_KTHREAD to us: a child of kthreadd is still a kernel thread. */
const KTHREAD_NO_FLAG: ProcSample = { ...KWORKER, flags: 0 };
const ZOMBIE: ProcSample = { ...SLEEP, pid: 4300, state: 'Z', rssBytes: 0, command: '[python3]' };
const ROOTS: ProcSample = { ...SLEEP, pid: 900, uid: 0, user: 'root', ttyNr: 0, command: '/usr/sbin/sshd -D' };

const JOB: JobRecord = {
  runId: 'r-20250101-abc',
  jobId: 7,
  user: 'alice',
  uid: 1000,
  argv: ['sleep', '600'],
  cwd: '/home/alice',
  envNames: [],
  memMb: null,
  dueAt: 1_795_260_000_000,
  startedAt: 1_795_252_000_000,
  pid: 4242,
  supervisorPid: 4000,
  cgroup: null,
  state: 'running',
  freeze: null,
  exit: null,
  stdoutPath: '/x/out',
  stderrPath: '/x/err',
};
const MANUAL: FreezeInfo = { code: 'M', by: 'alice', method: 'sigstop', at: 1_795_252_100_000 };

const none: ProcFacts = { job: null, freeze: null };
const ROOT: AgentIdentity = { uid: 0, euid: 0 };
const ALICE: AgentIdentity = { uid: 1000, euid: 1000 };

const NATIVE: Partial<ProcRow> = {
  where: 'here',
  from: 'here',
  class: 'native',
  jobId: null,
  runId: null,
  dueAt: null,
  nmigs: null,
  origPid: null,
};

const cases: { name: string; sample: ProcSample; facts: ProcFacts; agent: AgentIdentity; want: Partial<ProcRow> }[] = [
  {
    name: "a user's process, agent as root",
    sample: SLEEP,
    facts: none,
    agent: ROOT,
    want: {
      ...NATIVE,
      pid: 4242,
      ppid: 4000,
      user: 'alice',
      uid: 1000,
      tty: 'pts/0',
      command: 'sleep 600',
      frz: '-',
      freeze: null,
    },
  },
  { name: "the agent's own user's process", sample: SLEEP, facts: none, agent: ALICE, want: { frz: '-' } },
  {
    name: "root's process, agent not root",
    sample: ROOTS,
    facts: none,
    agent: ALICE,
    want: { ...NATIVE, frz: 'N/A', tty: null },
  },
  {
    name: "another user's process, agent not root",
    sample: SLEEP,
    facts: none,
    agent: { uid: 1001, euid: 1001 },
    want: { frz: 'N/A' },
  },
  {
    name: 'a setuid agent whose real uid owns it',
    sample: SLEEP,
    facts: none,
    agent: { uid: 1000, euid: 1001 },
    want: { frz: '-' },
  },
  {
    name: 'kthreadd',
    sample: KTHREADD,
    facts: none,
    agent: ROOT,
    want: { ...NATIVE, frz: 'N/A', tty: null, command: '[kthreadd]' },
  },
  { name: 'a kernel worker', sample: KWORKER, facts: none, agent: ROOT, want: { frz: 'N/A', state: 'I' } },
  {
    name: 'a child of kthreadd without PF_KTHREAD',
    sample: KTHREAD_NO_FLAG,
    facts: none,
    agent: ROOT,
    want: { frz: 'N/A' },
  },
  {
    name: 'a zombie',
    sample: ZOMBIE,
    facts: none,
    agent: ROOT,
    want: { frz: 'N/A', state: 'Z', command: '[python3]' },
  },
  {
    name: 'a process of a job the agent started',
    sample: SLEEP,
    facts: { job: JOB, freeze: null },
    agent: ALICE,
    want: {
      where: 'here',
      from: 'here',
      class: 'local',
      jobId: 7,
      runId: 'r-20250101-abc',
      dueAt: 1_795_260_000_000,
      nmigs: 0,
      origPid: 4242,
      frz: '-',
    },
  },
  {
    name: 'a job without a due time',
    sample: SLEEP,
    facts: { job: { ...JOB, dueAt: null, jobId: 0 }, freeze: null },
    agent: ALICE,
    want: { class: 'local', jobId: 0, dueAt: null, nmigs: 0 },
  },
  {
    name: 'a frozen job process',
    sample: { ...SLEEP, state: 'T' },
    facts: { job: { ...JOB, freeze: MANUAL }, freeze: MANUAL },
    agent: ALICE,
    want: { class: 'local', frz: 'M', freeze: MANUAL, state: 'T' },
  },
  {
    name: 'a native process the agent froze',
    sample: { ...SLEEP, state: 'T' },
    facts: { job: null, freeze: { ...MANUAL, code: 'A' } },
    agent: ROOT,
    want: { ...NATIVE, frz: 'A', freeze: { ...MANUAL, code: 'A' } },
  },
];

describe('buildRow', () => {
  it.each(cases)('builds the row of $name', ({ sample, facts, agent, want }) => {
    expect(buildRow(sample, facts, agent)).toMatchObject(want);
  });

  it('copies the ps columns unchanged and fills every ProcRow field', () => {
    const row = buildRow(SLEEP, none, ROOT);
    expect(row).toEqual({
      pid: 4242,
      ppid: 4000,
      user: 'alice',
      uid: 1000,
      state: 'S',
      cpuPercent: 0,
      cpuTimeMs: 20,
      rssBytes: 1_818_624,
      tty: 'pts/0',
      startedAt: 1_795_252_000_000,
      command: 'sleep 600',
      where: 'here',
      from: 'here',
      class: 'native',
      frz: '-',
      freeze: null,
      dueAt: null,
      nmigs: null,
      origPid: null,
      jobId: null,
      runId: null,
    });
  });
});
