import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskAction, TaskRecord } from '../../../electron/api';
import { startHub, type HubHarness } from '../../support/hubHarness';
import { isGone, readProcStat, waitAsleep } from '../../support/procState';
import { type SshWorkspace, sshWorkspace } from '../../support/sshHub';

let current: HubHarness | undefined;
let ws: SshWorkspace | undefined;
const children: ChildProcess[] = [];
afterEach(() => {
  current?.hub.close();
  ws?.remove();
  current = ws = undefined;
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function localHub(userData?: SshWorkspace): Promise<HubHarness> {
  current?.hub.close();
  current = startHub(userData?.hubOptions());
  await current.waitEvent('node.state', (p) => p.node.state === 'up');
  return current;
}

async function sleeper(argv = ['sleep', '60']): Promise<number> {
  const child = spawn(argv[0] as string, argv.slice(1), { stdio: 'ignore' });
  children.push(child);
  const pid = child.pid as number;
  await waitAsleep(pid, argv[0] as string);
  return pid;
}

/** The hub's own agent child: the only process running this bundle with our pid as parent. */
function killLocalAgent(): void {
  const pids = execFileSync('pgrep', ['-P', String(process.pid), '-f', 'mosdesk-agent.cjs'], { encoding: 'utf8' });
  for (const pid of pids.trim().split('\n')) process.kill(Number(pid), 'SIGKILL');
}

/** Starts one task on "This computer" and waits for its end, as a window hears of it. */
async function runTask(h: HubHarness, pid: number, action: TaskAction): Promise<TaskRecord> {
  const from = h.events.length;
  const { tasks } = await h.ok('tasks.start', {
    clusterId: 'local',
    items: [{ nodeId: 'localhost', target: { pid }, action, command: 'sleep 60' }],
  });
  const id = tasks[0]?.id;
  expect(tasks[0]?.state).toBe('queued');
  const ended = await h.waitEvent(
    'task.changed',
    (p) => p.task.id === id && p.task.state !== 'queued' && p.task.state !== 'running',
    15_000,
    from,
  );
  return ended.task;
}

describe('tasks on "This computer"', () => {
  it('freezes, continues and kills a process, each done once the node shows it', async () => {
    const h = await localHub();
    const pid = await sleeper();

    const t0 = Date.now();
    const frozen = await runTask(h, pid, { kind: 'freeze' });
    expect(frozen).toMatchObject({ state: 'done', nodeName: expect.any(String), command: 'sleep 60' });
    expect(frozen.outcome).toMatch(/^seen frozen \(process \d+: FRZ M, state T/);
    expect(readProcStat(pid)?.state).toBe('T');
    expect(Date.now() - t0).toBeLessThan(3000);

    const continued = await runTask(h, pid, { kind: 'continue' });
    expect(continued.state).toBe('done');
    expect(readProcStat(pid)?.state).not.toBe('T');

    const killed = await runTask(h, pid, { kind: 'signal', signal: 'KILL' });
    expect(killed).toMatchObject({ state: 'done', outcome: `gone: process ${pid} is no longer on ${killed.nodeName}` });
    expect(isGone(pid)).toBe(true);

    const listed = await h.ok('tasks.list', {});
    expect(listed.tasks.map((t) => t.id)).toEqual([killed.id, continued.id, frozen.id]);
  });

  it("declines a migration with the linux engine's reason, and an action on a process that is not there", async () => {
    const h = await localHub();
    const pid = await sleeper();
    const migrate = await runTask(h, pid, { kind: 'migrate', to: 'localhost' });
    expect(migrate).toMatchObject({ state: 'declined', seen: false });
    expect(migrate.outcome).toContain('Plain Linux cannot move a running process');
    expect(readProcStat(pid)?.state).toBe('S');

    const child = children[0] as ChildProcess;
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const ghost = await runTask(h, pid, { kind: 'freeze' });
    expect(ghost).toMatchObject({ state: 'declined', outcome: expect.stringContaining(`No process ${pid}`) });

    expect(await h.ok('tasks.seen', { taskIds: [migrate.id, ghost.id] })).toEqual({ changed: 2 });
  });

  it('refuses an unknown node or bad params, starting nothing', async () => {
    const h = await localHub();
    const unknown = await h.conn.call('tasks.start', {
      clusterId: 'local',
      items: [{ nodeId: 'nope', target: { pid: 1 }, action: { kind: 'freeze' } }],
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const bad = await h.conn.call('tasks.start', {
      clusterId: 'local',
      items: [{ nodeId: 'localhost', target: { pid: 1 }, action: { kind: 'signal', signal: 'BOOM' } }],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await h.ok('tasks.list', {})).toEqual({ tasks: [] });
    expect(h.events.some((e) => e.event === 'task.changed')).toBe(false);
  });

  it('ends a task in flight failed when the link drops, and does not send it again when the node is back', async () => {
    const h = await localHub();
    // A shell that ignores SIGTERM: the task waits for it to go, and the link drops meanwhile.
    const pid = await sleeper(['sh', '-c', 'trap "" TERM; while :; do sleep 1; done']);
    const { tasks } = await h.ok('tasks.start', {
      clusterId: 'local',
      items: [{ nodeId: 'localhost', target: { pid }, action: { kind: 'signal', signal: 'TERM' } }],
    });
    const id = tasks[0]?.id;
    await h.waitEvent('task.changed', (p) => p.task.id === id && p.task.log.some((l) => l.text.includes('applied')));
    const from = h.events.length;
    killLocalAgent();
    const failed = await h.waitEvent('task.changed', (p) => p.task.id === id && p.task.state === 'failed');
    expect(failed.task.outcome).toMatch(/^the link was lost/);
    await h.waitEvent('node.state', (p) => p.node.state === 'up', 15_000, from);
    await new Promise((r) => setTimeout(r, 500));
    const [again] = (await h.ok('tasks.list', {})).tasks;
    expect(again).toMatchObject({ id, state: 'failed' });
    expect(again?.log.filter((l) => l.text.startsWith('sent '))).toHaveLength(1);
    expect(readProcStat(pid)).not.toBeNull();
  });

  it('keeps the record in tasks.json for the next start, and moves a damaged one aside with a notice', async () => {
    ws = sshWorkspace();
    const h = await localHub(ws);
    const pid = await sleeper();
    const killed = await runTask(h, pid, { kind: 'signal', signal: 'KILL' });
    await new Promise((r) => setTimeout(r, 300));
    const path = join(ws.userData, 'tasks.json');
    expect(JSON.parse(readFileSync(path, 'utf8')).tasks).toEqual([killed]);

    const next = await localHub(ws);
    expect((await next.ok('tasks.list', {})).tasks).toEqual([killed]);

    next.hub.close();
    writeFileSync(path, '{"version":1,"tasks":[');
    const third = await localHub(ws);
    expect((await third.ok('tasks.list', {})).tasks).toEqual([]);
    const aside = readdirSync(ws.userData).find((f) => f.startsWith('tasks.json.corrupt-'));
    expect(aside).toBeDefined();
    const notices = await third.ok('notices.list', {});
    expect(notices.map((n) => n.text)).toContainEqual(expect.stringContaining(`moved aside to ${aside}`));
  });
});
