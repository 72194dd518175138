/**
 * The mosix engine on a mixed test cluster: nodes 1 and 2 run the MOSIX stand-in, 3 and 4 are
 * plain Linux. Through the hub, as the app drives it: the engines each node picked, MOSIX
 * processes with WHERE/FROM/FRZ, a testload really migrated (and a migration declined), job
 * control by Job ID, and the queue. Root only; subnet 41.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSummary, ProcRow, TaskAction, TaskRecord, TaskTarget } from '../../../electron/api';
import { liveProcs, type LiveProcs } from '../../support/liveProcs';
import { startHubOnCluster, waitNodeState, type HubOnCluster } from '../../support/sshHub';

const SUBNET = 41;
const NODES = ['n1', 'n2', 'n3', 'n4'];
let on: HubOnCluster;
let added: ClusterSummary;
let procs: LiveProcs;

beforeAll(async () => {
  on = await startHubOnCluster({ name: 'msi', nodes: 4, subnet: SUBNET, mosix: { nodes: [1, 2] } });
  added = await on.h.ok('clusters.add', {
    name: 'Mixed',
    hosts: `10.210.${SUBNET}.11-14`,
    settings: { user: 'root', identityFile: on.cluster.keyPath },
  });
  await Promise.all(NODES.map((id) => waitNodeState(on.h, added.id, id, 'up', 30_000)));
  procs = await liveProcs(on.h, added.id);
}, 120_000);

afterAll(async () => {
  await procs?.stop();
  await on?.close();
});

const ENDED = new Set(['done', 'declined', 'failed', 'timed-out']);

/** Starts one task and waits for its end. */
async function task(nodeId: string, target: TaskTarget, action: TaskAction, timeoutMs = 45_000): Promise<TaskRecord> {
  const from = on.h.events.length;
  const { tasks } = await on.h.ok('tasks.start', { clusterId: added.id, items: [{ nodeId, target, action }] });
  const id = tasks[0]!.id;
  const ended = await on.h.waitEvent(
    'task.changed',
    (p) => p.task.id === id && ENDED.has(p.task.state),
    timeoutMs,
    from,
  );
  return ended.task;
}

/** Starts `mosrun <args>` on node k, detached from the test (its output to /dev/null). */
async function mosrunOn(k: number, args: string): Promise<void> {
  const r = await on.cluster.run(k, ['sh', '-c', `mosrun ${args} </dev/null >/dev/null 2>&1 &`]);
  expect(r.code, r.stderr).toBe(0);
}

/** The row of Job ID `jobId` on a node, once the hub shows one that satisfies `pred`. */
async function jobRow(nodeId: string, jobId: number, pred: (r: ProcRow) => boolean = () => true): Promise<ProcRow> {
  let found: ProcRow | undefined;
  await expect
    .poll(
      () => (found = procs.rows(nodeId).find((r) => r.jobId === jobId && r.command.includes('testload') && pred(r))),
      { timeout: 20_000, interval: 100 },
    )
    .toBeDefined();
  return found!;
}

async function loadOf(k: number): Promise<number> {
  const r = await on.cluster.run(k, ['cat', '/proc/loadavg']);
  return Number(r.stdout.split(' ')[0]);
}

describe('a cluster of two MOSIX nodes and two plain Linux nodes', () => {
  it('runs the mosix engine where MOSIX runs and the linux engine elsewhere, each saying why', () => {
    const view = (id: string) =>
      on.h.events
        .filter((e) => e.event === 'node.state')
        .map((e) => e.payload as { node: ClusterSummary['nodes'][number] })
        .filter((p) => p.node.id === id && p.node.hello)
        .at(-1)!.node.hello!;
    for (const id of ['n1', 'n2']) {
      expect(view(id).engine).toBe('mosix');
      expect(view(id).engineReason).toMatch(/mosctl/);
      expect(view(id).capabilities.migrate).toBe(true);
      expect(view(id).capabilities.queue).toBe(true);
    }
    for (const id of ['n3', 'n4']) {
      expect(view(id).engine).toBe('linux');
      expect(typeof view(id).capabilities.migrate).toBe('string');
      expect(typeof view(id).capabilities.queue).toBe('string');
    }
  });

  it('shows a MOSIX process with its Job ID, WHERE here, FRZ -, and class local', async () => {
    await mosrunOn(1, '-J5 testload -t 600');
    const row = await jobRow('n1', 5);
    expect(row).toMatchObject({ where: 'here', from: 'here', frz: '-', class: 'local', nmigs: 0 });
  });

  it('migrates a testload from node 1 to node 2: done, WHERE updated, the guest on node 2 and the load there', async () => {
    const deputy = await jobRow('n1', 5);
    const loadBefore = await loadOf(2);
    const t = await task('n1', { pid: deputy.pid }, { kind: 'migrate', to: 'n2' });
    expect(t.state, t.outcome).toBe('done');
    const moved = await jobRow('n1', 5, (r) => r.where !== 'here');
    expect(moved.nmigs).toBe(1);
    expect(moved.state).toMatch(/^[TS]/);
    // A guest is known on its node by its PID on the home node (ORIGPID), not by its Job ID.
    let guest: ProcRow | undefined;
    await expect
      .poll(() => (guest = procs.rows('n2').find((r) => r.from !== 'here' && r.origPid === deputy.pid)), {
        timeout: 20_000,
      })
      .toBeDefined();
    expect(guest!.command).toMatch(/remote|testload/);
    await expect
      .poll(() => procs.rows('n2').find((r) => r.pid === guest!.pid)?.cpuPercent ?? 0, { timeout: 15_000 })
      .toBeGreaterThan(50);
    await expect.poll(() => loadOf(2), { timeout: 20_000, interval: 1000 }).toBeGreaterThan(loadBefore + 0.1);
  }, 60_000);

  it('ends a migration the node declines as declined, the process where it was', async () => {
    await mosrunOn(1, '-J6 testload -t 600');
    const row = await jobRow('n1', 6);
    on.cluster.setMosixDecline(true);
    try {
      const t = await task('n1', { pid: row.pid }, { kind: 'migrate', to: 'n2' });
      expect(t.state, t.outcome).toBe('declined');
      expect((await jobRow('n1', 6)).where).toBe('here');
    } finally {
      on.cluster.setMosixDecline(false);
    }
  }, 60_000);

  it('freezes, continues, checkpoints-and-stops and kills by Job ID', async () => {
    const job = { jobId: 6 };
    const frozen = await task('n1', job, { kind: 'freeze' });
    expect(frozen.state, frozen.outcome).toBe('done');
    expect((await jobRow('n1', 6, (r) => r.frz === 'M')).state).toBe('T');
    const cont = await task('n1', job, { kind: 'continue' });
    expect(cont.state, cont.outcome).toBe('done');
    await jobRow('n1', 6, (r) => r.frz === '-' && r.state !== 'T');
    const stop = await task('n1', job, { kind: 'checkpoint', then: 'stop' });
    expect(stop.state, stop.outcome).toBe('done');
    const killed = await task('n1', job, { kind: 'signal', signal: 'KILL' });
    expect(killed.state, killed.outcome).toBe('done');
    await expect
      .poll(() => procs.rows('n1').some((r) => r.jobId === 6 && r.state !== 'Z'), { timeout: 10_000 })
      .toBe(false);
  }, 90_000);

  it('lists the queue, re-prioritises, reorders and releases jobs, each a task seen in the queue', async () => {
    const list = async () => on.h.ok('queue.list', { clusterId: added.id });
    const ids: number[] = [];
    // One at a time: the queue is first come, first served.
    for (const [k, id] of [
      [1, 21],
      [2, 22],
      [1, 23],
    ] as const) {
      await mosrunOn(k, `-q50 -J${id} testload -t 600`);
      ids.push(id);
      await expect.poll(async () => (await list()).jobs.map((j) => j.jobId), { timeout: 15_000 }).toEqual(ids);
    }
    const q = await list();
    expect(q.unavailable).toBeUndefined();
    expect(q.problems).toEqual([]);
    const source = q.source!.nodeId;
    const pidOf = (id: number) => q.jobs.find((j) => j.jobId === id)!.pid;
    const act = (id: number, op: 'advance' | 'retard' | 'run' | 'delete' | 'cngpri', priority?: number) =>
      task(source, { pid: pidOf(id) }, { kind: 'queue', op, ...(priority === undefined ? {} : { priority }) });

    expect((await act(23, 'advance')).state).toBe('done');
    expect((await list()).jobs.map((j) => j.jobId)).toEqual([23, 21, 22]);
    expect((await act(23, 'retard')).state).toBe('done');
    expect((await list()).jobs.map((j) => j.jobId)).toEqual([21, 22, 23]);
    expect((await act(22, 'cngpri', 10)).state).toBe('done');
    expect((await list()).jobs.map((j) => [j.jobId, j.priority])).toEqual([
      [22, 10],
      [21, 50],
      [23, 50],
    ]);
    expect((await act(21, 'run')).state).toBe('done');
    const after = await list();
    expect(after.jobs.find((j) => j.jobId === 21)).toMatchObject({ running: true, priority: null });
    await jobRow('n1', 21);
    expect((await act(23, 'delete')).state).toBe('done');
    expect((await list()).jobs.map((j) => j.jobId)).not.toContain(23);
  }, 120_000);

  it('refuses MOSIX actions on the linux nodes with the linux engine’s reason', async () => {
    const r = await on.cluster.run(3, ['sh', '-c', 'sleep 600 </dev/null >/dev/null 2>&1 & echo $!']);
    const pid = Number(r.stdout.trim());
    await expect.poll(() => procs.rows('n3').some((p) => p.pid === pid), { timeout: 10_000 }).toBe(true);
    const row = procs.rows('n3').find((p) => p.pid === pid)!;
    expect(row).toMatchObject({ where: 'here', from: 'here', nmigs: null, jobId: null });
    const t = await task('n3', { pid }, { kind: 'migrate', to: 'n4' });
    expect(t.state).not.toBe('done');
    expect(t.outcome).toMatch(/MOSIX|linux/i);
    expect((await on.h.ok('queue.list', { clusterId: added.id })).source?.nodeId).toMatch(/^n[12]$/);
  }, 60_000);
});
