import { describe, expect, it } from 'vitest';
import type { JobRecord, JobSet, JobStart } from '../../../../../electron/api';
import { runJobSet, type SetNode } from '../../../../../electron/hub/jobs/jobSetRunner';

/** A node whose jobs end after `ticks` polls each, with the exit code the program's first argument names. */
class FakeSetNode implements SetNode {
  readonly records = new Map<string, JobRecord & { ticksLeft: number }>();
  maxRunning = 0;
  listFails = false;
  private n = 0;

  constructor(private readonly ticks = 2) {}

  async run(start: JobStart): Promise<JobRecord> {
    if (start.argv[0] === 'missing') throw new Error('No program "missing" on this node');
    const runId = `r${++this.n}`;
    const record = {
      runId,
      argv: start.argv,
      state: 'running',
      exit: null,
      ticksLeft: this.ticks,
    } as unknown as JobRecord & { ticksLeft: number };
    this.records.set(runId, record);
    this.maxRunning = Math.max(this.maxRunning, this.running());
    return { ...record };
  }

  async list(): Promise<JobRecord[]> {
    if (this.listFails) throw new Error('link down');
    for (const r of this.records.values()) {
      if (r.state === 'running' && --r.ticksLeft <= 0) {
        const code = Number(r.argv[1] ?? 0);
        r.state = 'exited';
        r.exit = r.argv[1] === 'sig' ? { code: null, signal: 'SIGKILL', at: 1 } : { code, signal: null, at: 1 };
      }
    }
    return [...this.records.values()].map((r) => ({ ...r }));
  }

  running(): number {
    return [...this.records.values()].filter((r) => r.state === 'running').length;
  }
}

const timing = { pollMs: 0, sleep: async () => undefined, now: () => 42 };

function setOf(lines: string[], maxJobs: number): JobSet {
  return {
    setId: 's',
    clusterId: 'c',
    nodeId: 'n',
    nodeName: 'node1',
    maxJobs,
    startedAt: 0,
    endedAt: null,
    lines: lines.map((line) => ({ line, state: 'waiting' })),
  };
}

describe('runJobSet', () => {
  it.each([
    { maxJobs: 1, lines: 6 },
    { maxJobs: 2, lines: 6 },
    { maxJobs: 3, lines: 7 },
    { maxJobs: 10, lines: 4 },
  ])('never runs more than $maxJobs of $lines lines at once, and ends every line', async ({ maxJobs, lines }) => {
    const node = new FakeSetNode();
    const set = setOf(
      Array.from({ length: lines }, () => 'true 0'),
      maxJobs,
    );
    await runJobSet(set, node, { cwd: '/tmp' }, timing);
    expect(node.maxRunning).toBe(Math.min(maxJobs, lines));
    expect(set.lines.map((l) => l.state)).toEqual(Array(lines).fill('done'));
    expect(set.lines.every((l) => l.exitCode === 0)).toBe(true);
    expect(set.endedAt).toBe(42);
  });

  it.each([
    { line: 'prog 3', state: 'failed', why: 'exit status 3', exitCode: 3 },
    { line: 'prog sig', state: 'failed', why: 'ended by SIGKILL', exitCode: null },
    { line: 'missing x', state: 'failed', why: 'not started: No program "missing" on this node', exitCode: undefined },
    { line: 'a | b', state: 'failed', why: /^not started: "\|" is shell syntax/, exitCode: undefined },
    { line: "prog '0'", state: 'done', why: undefined, exitCode: 0 },
  ])('line $line ends $state', async ({ line, state, why, exitCode }) => {
    const set = setOf([line], 2);
    await runJobSet(set, new FakeSetNode(1), { cwd: '/tmp' }, timing);
    const [got] = set.lines;
    expect(got!.state).toBe(state);
    if (why instanceof RegExp) expect(got!.why).toMatch(why);
    else expect(got!.why).toBe(why);
    expect(got!.exitCode).toBe(exitCode);
  });

  it('keeps the order of the lines: the next waiting line starts when one ends', async () => {
    const node = new FakeSetNode(1);
    const set = setOf(['a 0', 'b 0', 'c 0'], 1);
    await runJobSet(set, node, { cwd: '/tmp' }, timing);
    expect([...node.records.values()].map((r) => r.argv[0])).toEqual(['a', 'b', 'c']);
  });

  it('gives up on a node that stops answering, saying the jobs may still run there', async () => {
    const node = new FakeSetNode(5);
    const set = setOf(['a 0', 'b 0'], 2);
    node.listFails = true;
    await runJobSet(set, node, { cwd: '/tmp' }, timing);
    expect(set.lines.map((l) => l.state)).toEqual(['failed', 'failed']);
    expect(set.lines[0]!.why).toMatch(/node1 stopped answering \(link down\); the job may still be running there/);
  });
});
