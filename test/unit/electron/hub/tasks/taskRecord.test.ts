import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../../../electron/api';
import { MAX_RECORDED_TASKS, TaskRecordStore } from '../../../../../electron/hub/tasks/taskRecord';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mosdesk-tasks-'));
  dirs.push(dir);
  return join(dir, 'tasks.json');
}

const ended = (i: number, more: Partial<TaskRecord> = {}): TaskRecord => ({
  id: `t${i}`,
  clusterId: 'lab',
  nodeId: 'n1',
  nodeName: 'node1',
  action: { kind: 'signal', signal: 'KILL' },
  target: { pid: 1000 + i },
  command: 'sleep 60',
  state: 'done',
  outcome: 'gone: process is no longer on node1',
  log: [{ at: i, text: 'queued by admin' }],
  by: 'admin',
  createdAt: i,
  startedAt: i,
  endedAt: i + 1,
  seen: true,
  ...more,
});

function store(path: string) {
  const notices: string[] = [];
  const warnings: string[] = [];
  const s = new TaskRecordStore({ path, warn: (m) => warnings.push(m), notice: (t) => notices.push(t) });
  return { s, notices, warnings };
}

describe('TaskRecordStore', () => {
  it('keeps the newest 1,000 ended tasks, and they survive a reload', async () => {
    const path = tempFile();
    const { s } = store(path);
    await s.load();
    for (let i = 0; i < MAX_RECORDED_TASKS + 5; i++) s.add(ended(i));
    await s.flushed();
    expect(s.size).toBe(1000);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = store(path).s;
    await again.load();
    const list = again.list();
    expect(list).toHaveLength(1000);
    expect(list[0]?.id).toBe('t1004');
    expect(list.at(-1)?.id).toBe('t5');
    expect(list[0]).toEqual(ended(1004));
  });

  it('marks ended tasks seen once, and keeps that', async () => {
    const path = tempFile();
    const { s } = store(path);
    s.add(ended(1, { state: 'failed', seen: false }));
    s.add(ended(2, { state: 'declined', seen: false }));
    expect(s.markSeen(['t1', 'nope']).map((t) => t.id)).toEqual(['t1']);
    expect(s.markSeen(['t1'])).toEqual([]);
    await s.flushed();
    const again = store(path).s;
    await again.load();
    expect(again.list().map((t) => [t.id, t.seen])).toEqual([
      ['t2', false],
      ['t1', true],
    ]);
  });

  it('gives copies: a caller cannot change what is kept', () => {
    const { s } = store(tempFile());
    s.add(ended(1));
    (s.list()[0] as TaskRecord).outcome = 'changed';
    expect(s.list()[0]?.outcome).toBe('gone: process is no longer on node1');
  });

  it.each([
    { name: 'not JSON', text: '{"version": 1, "tasks": [' },
    { name: 'a running task', text: JSON.stringify({ version: 1, tasks: [ended(1, { state: 'running' })] }) },
    {
      name: 'an unknown action',
      text: JSON.stringify({ version: 1, tasks: [{ ...ended(1), action: { kind: 'explode' } }] }),
    },
    { name: 'another version', text: JSON.stringify({ version: 2, tasks: [] }) },
  ])('moves a damaged file ($name) aside, says so, and records afresh', async ({ text }) => {
    const path = tempFile();
    writeFileSync(path, text);
    const { s, notices } = store(path);
    await s.load();
    expect(notices).toEqual([expect.stringMatching(/tasks\.json was damaged .*moved aside to tasks\.json\.corrupt-/)]);
    const dir = join(path, '..');
    const aside = readdirSync(dir).filter((f) => f.startsWith('tasks.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(text);
    s.add(ended(1));
    await s.flushed();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ version: 1, tasks: [ended(1)] });
  });

  it('never writes over a file it could not read', async () => {
    const path = tempFile();
    mkdirSync(path); // a directory where the file should be: it cannot be read, nor moved aside as damaged
    const { s, notices } = store(path);
    await s.load();
    expect(notices).toEqual([expect.stringContaining('Ended tasks are kept until mosdesk closes')]);
    s.add(ended(1));
    await s.flushed();
    expect(statSync(path).isDirectory()).toBe(true);
    expect(s.list().map((t) => t.id)).toEqual(['t1']);
  });

  it('keeps tasks that ended before the record was read after it', async () => {
    const path = tempFile();
    const first = store(path).s;
    first.add(ended(1));
    await first.flushed();
    const { s } = store(path);
    s.add(ended(2));
    await s.load();
    expect(s.list().map((t) => t.id)).toEqual(['t2', 't1']);
  });
});
