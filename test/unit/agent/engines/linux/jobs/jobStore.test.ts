import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJobOutput } from '../../../../../../agent/src/engines/linux/jobs/jobOutput';
import { JobStore } from '../../../../../../agent/src/engines/linux/jobs/jobStore';
import type { StoredRun } from '../../../../../../agent/src/engines/linux/jobs/storedRun';
import { readProcIdentity } from '../../../../../../agent/src/engines/linux/procIdentity';

let dir: string;
const logged: string[] = [];
const log = { info: () => undefined, error: (m: string) => logged.push(m) };

function run(runId: string, overrides: Partial<StoredRun['record']> = {}): StoredRun {
  const me = readProcIdentity(process.pid);
  return {
    record: {
      runId,
      jobId: 1,
      user: 'tester',
      uid: 1000,
      argv: ['true'],
      cwd: '/tmp',
      envNames: [],
      memMb: null,
      dueAt: null,
      startedAt: 1,
      pid: null,
      supervisorPid: process.pid, // this test process stands in for a live launcher
      cgroup: null,
      state: 'starting',
      freeze: null,
      exit: null,
      stdoutPath: join(dir, 'jobs', runId, 'stdout'),
      stderrPath: join(dir, 'jobs', runId, 'stderr'),
      ...overrides,
    },
    supervisorStartTicks: me?.startTicks ?? 0,
    pidStartTicks: null,
    stoppedPids: [],
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mosdesk-store-'));
  logged.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('JobStore', () => {
  it('follows a run from its launcher files: pid, then exit status', () => {
    const store = new JobStore(dir, log);
    store.load();
    store.save(run('r1'));
    writeFileSync(join(dir, 'jobs', 'r1', 'pid'), `${process.pid}\n`);
    expect(store.list()[0]).toMatchObject({ state: 'running', pid: process.pid });
    writeFileSync(join(dir, 'jobs', 'r1', 'exit'), '2\n');
    expect(store.list()[0]).toMatchObject({ state: 'exited', exit: { code: 2, signal: null } });
  });

  it('marks a run lost when its launcher died without an exit status', () => {
    const store = new JobStore(dir, log);
    store.load();
    const gone = run('r2');
    gone.supervisorStartTicks = -5; // not this process: as if the pid had been recycled
    store.save(gone);
    expect(store.list()[0]?.state).toBe('lost');
  });

  it('reloads records after a restart and ignores files that are not records', () => {
    const first = new JobStore(dir, log);
    first.load();
    first.save(run('good', { state: 'running', pid: process.pid }));
    mkdirSync(join(dir, 'jobs', 'bad'));
    writeFileSync(join(dir, 'jobs', 'bad', 'record.json'), '{"record": {"runId": 5}}');
    mkdirSync(join(dir, 'jobs', 'torn'));
    writeFileSync(join(dir, 'jobs', 'torn', 'record.json'), '{"rec');
    const second = new JobStore(dir, log);
    second.load();
    expect(second.list().map((r) => r.runId)).toEqual(['good']);
    expect(logged.join('\n')).toMatch(/ignoring job record .*bad/);
    expect(logged.join('\n')).toMatch(/ignoring job record .*torn/);
  });

  it('sees what another agent of the same user wrote: new runs, changes, forgotten runs', () => {
    const mine = new JobStore(dir, log);
    const theirs = new JobStore(dir, log);
    mine.load();
    theirs.load();
    theirs.save(run('other', { state: 'running', pid: process.pid }));
    expect(mine.list().map((r) => r.runId)).toEqual(['other']);
    const frozen = theirs.get('other') as StoredRun;
    frozen.record.state = 'frozen';
    frozen.record.freeze = { code: 'M', by: 'root', method: 'sigstop', at: 5 };
    theirs.save(frozen);
    expect(mine.list()[0]).toMatchObject({ state: 'frozen', freeze: { by: 'root' } });
    rmSync(join(dir, 'jobs', 'other'), { recursive: true });
    expect(mine.list()).toEqual([]);
  });

  it('forgets only ended runs', () => {
    const store = new JobStore(dir, log);
    store.load();
    store.save(run('live', { state: 'running', pid: process.pid }));
    expect(store.forget('live')).toBe('running');
    expect(store.forget('nope')).toBe(false);
  });
});

describe('readJobOutput', () => {
  it.each([
    { name: 'whole file', content: 'hello\n', offset: 0, max: 100, data: 'hello\n', next: 6 },
    { name: 'from an offset', content: 'hello\n', offset: 2, max: 100, data: 'llo\n', next: 6 },
    { name: 'capped', content: 'hello\n', offset: 0, max: 3, data: 'hel', next: 3 },
    { name: 'past the end', content: 'hello\n', offset: 50, max: 10, data: '', next: 50 },
    { name: 'a cut two-byte character waits', content: 'aé', offset: 0, max: 2, data: 'a', next: 1 },
    { name: 'a cut euro sign waits', content: '€x', offset: 0, max: 2, data: '', next: 0 },
    { name: 'a whole character passes', content: 'aé', offset: 0, max: 3, data: 'aé', next: 3 },
  ])('$name', ({ content, offset, max, data, next }) => {
    const r = run('out', { state: 'running' });
    mkdirSync(join(dir, 'jobs', 'out'), { recursive: true });
    writeFileSync(r.record.stdoutPath, content);
    expect(readJobOutput(r, 'stdout', offset, max)).toMatchObject({ data, nextOffset: next, ended: false });
  });
});
