/**
 * Applies of /etc/mosix across a live 4-node SSH cluster (cfg36, subnet 36), each node with an
 * /etc of its own (etcFiles: an overlay, so nothing reaches the host's /etc), through the hub's
 * config group with real agents: from scratch, refused by a read-only /etc/mosix, refused by a
 * file edited behind the apply's back, a rollback, and a hub killed (-9) mid-apply whose next
 * start finishes or undoes it so the nodes agree. Root only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSummary, ConfigApply, HubEvents, NodeChanges, NodeConfigRead } from '../../../electron/api';
import { startHubChild, type HubChild } from '../../support/hubChild';
import { startHubOnCluster, waitNodeState, type HubOnCluster } from '../../support/sshHub';

const SUBNET = 36;
const NODES = ['n1', 'n2', 'n3', 'n4'];
const MAP = (n: number) => `# mosdesk test ${n}\n10.210.${SUBNET}.11 4\n`;
const OVERLAY = { 'mosdesk-cfg36': 'the overlay over /etc\n' };
let on: HubOnCluster;
let lab: ClusterSummary;

beforeAll(async () => {
  on = await startHubOnCluster({
    name: 'cfg36',
    nodes: 4,
    subnet: SUBNET,
    etcFiles: { 1: OVERLAY, 2: OVERLAY, 3: OVERLAY, 4: OVERLAY },
  });
  lab = await on.h.ok('clusters.add', {
    name: 'Cfg',
    hosts: `10.210.${SUBNET}.11-14`,
    settings: { user: 'root', identityFile: on.cluster.keyPath },
  });
  await Promise.all(NODES.map((id) => waitNodeState(on.h, lab.id, id, 'up', 30_000)));
}, 120_000);

afterAll(async () => {
  await on?.close();
});

type Caller = Pick<HubChild, 'ok' | 'waitEvent'>;

async function readAll(h: Caller, clusterId = lab.id): Promise<Extract<NodeConfigRead, { ok: true }>[]> {
  const { nodes } = await h.ok('config.read', { clusterId });
  for (const n of nodes) if (!n.ok) throw new Error(`${n.nodeName}: ${n.reason}`);
  return nodes as Extract<NodeConfigRead, { ok: true }>[];
}

/** mosix.map to `text` on every node, based on what each has now. */
async function mapChange(h: Caller, text: string, clusterId = lab.id): Promise<NodeChanges[]> {
  return (await readAll(h, clusterId)).map((r) => {
    const now = r.snapshot.files.find((f) => f.name === 'mosix.map');
    return { nodeId: r.nodeId, changes: [{ name: 'mosix.map', text, base: now?.present ? now.sha256 : null }] };
  });
}

/** The file as each node has it, read inside the node (not through the agent). */
async function mapsOnNodes(): Promise<(string | null)[]> {
  return Promise.all(
    [1, 2, 3, 4].map(async (k) => {
      const r = await on.cluster.run(k, ['cat', '/etc/mosix/mosix.map']);
      return r.code === 0 ? r.stdout : null;
    }),
  );
}

async function ended(h: Caller, applyId: string, timeoutMs = 60_000): Promise<ConfigApply> {
  const e = await h.waitEvent(
    'config.apply.changed',
    (p) => p.apply.applyId === applyId && ['done', 'declined', 'failed'].includes(p.apply.state),
    timeoutMs,
  );
  return e.apply;
}

async function nothingPending(h: Caller, clusterId = lab.id): Promise<void> {
  for (const r of await readAll(h, clusterId)) expect(r.snapshot.pending, r.nodeName).toEqual([]);
}

describe('applying /etc/mosix across a cluster', () => {
  let firstApply: string;

  it('configures every node from scratch and reads back the same file', async () => {
    const before = await readAll(on.h);
    expect(before.map((r) => r.snapshot.files.find((f) => f.name === 'mosix.map')?.present)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    const { applyId, task } = await on.h.ok('config.apply', {
      clusterId: lab.id,
      nodes: await mapChange(on.h, MAP(1)),
    });
    expect(task.action).toEqual({ kind: 'configure', applyId });
    const apply = await ended(on.h, applyId);
    expect(apply.state, apply.outcome).toBe('done');
    firstApply = applyId;
    const after = await readAll(on.h);
    expect(after.map((r) => r.snapshot.files.find((f) => f.name === 'mosix.map'))).toEqual(
      NODES.map(() => expect.objectContaining({ present: true, text: MAP(1) })),
    );
    expect(await mapsOnNodes()).toEqual([MAP(1), MAP(1), MAP(1), MAP(1)]);
    await nothingPending(on.h);
    const { tasks } = await on.h.ok('tasks.list', {});
    expect(tasks.find((t) => t.id === task.id)?.progress?.map((p) => p.phase)).toEqual(NODES.map(() => 'switched'));
  }, 90_000);

  it('switches nothing anywhere when one node has a read-only /etc/mosix', async () => {
    const ro = await on.cluster.run(3, ['mount', '--bind', '-o', 'ro', '/etc/mosix', '/etc/mosix']);
    expect(ro.code, ro.stderr).toBe(0);
    try {
      const { applyId } = await on.h.ok('config.apply', { clusterId: lab.id, nodes: await mapChange(on.h, MAP(2)) });
      const apply = await ended(on.h, applyId);
      expect(['declined', 'failed']).toContain(apply.state);
      const n3 = apply.nodes.find((n) => n.nodeId === 'n3');
      expect(['declined', 'failed']).toContain(n3?.phase);
      expect(apply.nodes.filter((n) => n.nodeId !== 'n3').map((n) => n.phase)).toEqual([
        'discarded',
        'discarded',
        'discarded',
      ]);
    } finally {
      await on.cluster.run(3, ['umount', '/etc/mosix']);
    }
    expect(await mapsOnNodes()).toEqual([MAP(1), MAP(1), MAP(1), MAP(1)]);
    await nothingPending(on.h);
  }, 90_000);

  it('stops with the change shown when a file was edited on one node behind its back', async () => {
    const changes = await mapChange(on.h, MAP(3));
    const edited = `${MAP(1)}# edited by hand on node2\n`;
    const w = await on.cluster.run(2, ['tee', '/etc/mosix/mosix.map'], { input: edited });
    expect(w.code, w.stderr).toBe(0);
    const { applyId } = await on.h.ok('config.apply', { clusterId: lab.id, nodes: changes });
    const apply = await ended(on.h, applyId);
    expect(apply.state).toBe('declined');
    const n2 = apply.nodes.find((n) => n.nodeId === 'n2');
    expect(n2?.conflicts).toEqual([
      expect.objectContaining({ name: 'mosix.map', now: expect.objectContaining({ text: edited }) }),
    ]);
    expect(await mapsOnNodes()).toEqual([MAP(1), edited, MAP(1), MAP(1)]);
    await nothingPending(on.h);
  }, 90_000);

  it('rolls back to the files before an apply on every node', async () => {
    const { applyId } = await on.h.ok('config.apply', { clusterId: lab.id, nodes: await mapChange(on.h, MAP(4)) });
    expect((await ended(on.h, applyId)).state).toBe('done');
    const { backups } = await on.h.ok('config.backups', { clusterId: lab.id });
    expect(backups[0]?.id).toBe(applyId);
    expect(backups.find((b) => b.id === firstApply)?.nodes.map((n) => n.nodeId)).toEqual(NODES);
    const rb = await on.h.ok('config.rollback', { clusterId: lab.id, backupId: applyId });
    expect((await ended(on.h, rb.applyId)).state).toBe('done');
    // Node 2 had the hand edit before that apply: it gets it back.
    const edited = `${MAP(1)}# edited by hand on node2\n`;
    expect(await mapsOnNodes()).toEqual([MAP(1), edited, MAP(1), MAP(1)]);
    await nothingPending(on.h);
  }, 90_000);
});

describe('a hub killed in the middle of an apply', () => {
  let userData: string;
  let home: string;
  let hub: HubChild | undefined;
  let clusterId: string;

  beforeAll(async () => {
    // The in-process hub lets go of the nodes: only the child hubs talk to them from here on.
    on.h.hub.close();
    userData = mkdtempSync(join(tmpdir(), 'mosdesk-userdata-'));
    home = mkdtempSync(join(tmpdir(), 'mosdesk-home-'));
  });

  afterAll(async () => {
    await hub?.stop();
    rmSync(userData, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  /** A hub on the shared user data that answers host-key prompts with the nodes' real keys. */
  async function childHub(): Promise<HubChild> {
    const h = await startHubChild({ userData, home, sshConfigPath: join(home, 'no-ssh-config') });
    void (async () => {
      for (let seen = 0; ; await new Promise((r) => setTimeout(r, 20))) {
        for (; seen < h.events.length; seen++) {
          const e = h.events[seen]!;
          if (e.event !== 'hostkey.prompt') continue;
          const p = e.payload as HubEvents['hostkey.prompt'];
          const node = on.cluster.nodes.find((n) => n.address === p.host);
          await h.ok('hostkeys.answer', { promptId: p.promptId, accept: node?.hostKeyFingerprint === p.fingerprint });
        }
      }
    })().catch(() => undefined);
    return h;
  }

  async function allUp(h: HubChild): Promise<void> {
    await Promise.all(
      NODES.map((id) =>
        h.waitEvent(
          'node.state',
          (p) => p.clusterId === clusterId && p.node.id === id && p.node.state === 'up',
          30_000,
        ),
      ),
    );
  }

  /** The node's lock, held by a live process (the node's pid 1): its agent waits for it (15 s at most). */
  async function lock(k: number): Promise<void> {
    await on.cluster.run(k, ['mkdir', '-p', '/etc/mosix/.mosdesk']);
    const r = await on.cluster.run(k, ['tee', '/etc/mosix/.mosdesk/lock'], { input: '1\n' });
    expect(r.code, r.stderr).toBe(0);
  }
  const unlock = (k: number) => on.cluster.run(k, ['rm', '-f', '/etc/mosix/.mosdesk/lock']);

  it('killed while a node still stages: the next hub discards everywhere and no node switched', async () => {
    hub = await childHub();
    const added = await hub.ok('clusters.add', {
      name: 'Killed',
      hosts: `10.210.${SUBNET}.11-14`,
      settings: { user: 'root', identityFile: on.cluster.keyPath },
    });
    clusterId = added.id;
    await allUp(hub);
    const before = await mapsOnNodes();
    const changes = await mapChange(hub, MAP(5), clusterId);
    await lock(4);
    const { applyId } = await hub.ok('config.apply', { clusterId, nodes: changes });
    await hub.waitEvent(
      'config.apply.changed',
      (p) => p.apply.applyId === applyId && p.apply.nodes.map((n) => n.phase).join() === 'staged,staged,staged,staging',
    );
    await hub.kill9();
    hub = undefined;
    expect(await mapsOnNodes()).toEqual(before);
    await unlock(4);

    hub = await childHub();
    const { applies } = await hub.ok('config.applies', { clusterId });
    expect(applies.find((a) => a.applyId === applyId)?.state).not.toMatch(/^(done|declined|failed)$/);
    const apply = await ended(hub, applyId);
    expect(apply).toMatchObject({ state: 'failed', decided: 'discard' });
    expect(await mapsOnNodes()).toEqual(before);
    await allUp(hub);
    await nothingPending(hub, clusterId);
  }, 120_000);

  /**
   * Lets node k's agent take its lock for the stage it waits to do, and takes the lock back the
   * moment that stage lets go of it, so the switch that follows waits. Resolves with whether it did.
   */
  function holdAfterStage(k: number): Promise<boolean> {
    const program = [
      "const fs = require('fs');",
      "const p = '/etc/mosix/.mosdesk/lock';",
      'const until = Date.now() + 20000;',
      'fs.rmSync(p, { force: true });',
      "for (; Date.now() < until; ) { try { if (fs.readFileSync(p, 'utf8').trim()) break; } catch {} }",
      "for (; Date.now() < until; ) { try { fs.writeFileSync(p, '1\\n', { flag: 'wx' }); process.stdout.write('held'); break; } catch {} }",
    ].join('\n');
    return on.cluster.run(k, ['node', '-e', program]).then((r) => r.stdout === 'held');
  }

  it('killed mid-switch: each node has all old or all new files, and the next hub finishes the switch', async () => {
    hub ??= await childHub();
    await allUp(hub);
    const changes = await mapChange(hub, MAP(6), clusterId);
    const old = (await mapsOnNodes())[3];
    await lock(4);
    const { applyId } = await hub.ok('config.apply', { clusterId, nodes: changes });
    await hub.waitEvent(
      'config.apply.changed',
      (p) => p.apply.applyId === applyId && p.apply.nodes.map((n) => n.phase).join() === 'staged,staged,staged,staging',
    );
    const held = holdAfterStage(4);
    await hub.waitEvent(
      'config.apply.changed',
      (p) =>
        p.apply.applyId === applyId &&
        p.apply.nodes.map((n) => n.phase).join() === 'switched,switched,switched,switching',
    );
    await hub.kill9();
    hub = undefined;
    expect(await held).toBe(true);
    expect(await mapsOnNodes()).toEqual([MAP(6), MAP(6), MAP(6), old]);
    await unlock(4);

    hub = await childHub();
    const apply = await ended(hub, applyId);
    expect(apply).toMatchObject({ state: 'done', decided: 'switch' });
    expect(await mapsOnNodes()).toEqual([MAP(6), MAP(6), MAP(6), MAP(6)]);
    await nothingPending(hub, clusterId);
  }, 120_000);
});
