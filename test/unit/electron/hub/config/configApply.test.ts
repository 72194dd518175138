/**
 * The two-phase apply against fake agents: every outcome of phase 1 and phase 2, what is left
 * on each node (files, pending applies, backups) and what the apply, its task and its journal say.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeConfigNode, sha } from '../../../../support/fakeConfigNodes';
import { changeMap, fixture, journalOnDisk, mapOf, NEW, OLD, removeFixtures } from '../../../../support/configFixture';

afterEach(removeFixtures);

describe('a two-phase apply', () => {
  it('switches every node once all have staged, and records it done', async () => {
    const { cluster, service, tasks, dir } = fixture();
    const { applyId, task } = service.apply('lab', changeMap(cluster));
    expect(task).toMatchObject({ action: { kind: 'configure', applyId }, nodeId: '*', state: 'running' });
    await service.idle();
    for (const n of cluster.nodes) {
      expect(mapOf(n)).toBe(NEW);
      expect(n.pending.size).toBe(0);
      expect(n.backups.get(applyId)?.files.get('mosix.map')).toBe(OLD['mosix.map']);
      // Every stage came before any switch.
      expect(n.calls).toEqual(['stage', 'switch']);
    }
    const [apply] = service.applies('lab');
    expect(apply).toMatchObject({ state: 'done', decided: 'switch' });
    expect(apply?.nodes.map((n) => n.phase)).toEqual(['switched', 'switched', 'switched']);
    expect(tasks.at(-1)).toMatchObject({ state: 'done', seen: true, target: { files: ['mosix.map'] } });
    expect(tasks.at(-1)?.progress?.map((p) => p.phase)).toEqual(['switched', 'switched', 'switched']);
    expect(journalOnDisk(dir).applies[0]?.state).toBe('done');
  });

  it('creates /etc/mosix files from scratch (base null)', async () => {
    const { cluster, service } = fixture(2, {});
    service.apply('lab', changeMap(cluster));
    await service.idle();
    expect(cluster.nodes.map(mapOf)).toEqual([NEW, NEW]);
  });

  const refusals: { name: string; spoil(n: FakeConfigNode): void; state: string; text: RegExp }[] = [
    {
      name: 'a file edited behind the apply’s back',
      spoil: (n) => n.files.set('mosix.map', '10.0.0.9 1\n'),
      state: 'declined',
      text: /changed on the node since it was read \(mosix\.map\)/,
    },
    {
      name: 'a read-only /etc/mosix',
      spoil: (n) => (n.readOnly = '/etc/mosix is on a read-only file system'),
      state: 'declined',
      text: /refused: \/etc\/mosix is on a read-only/,
    },
    { name: 'a node that is down', spoil: (n) => (n.up = false), state: 'failed', text: /down \(the link was lost\)/ },
    { name: 'an agent error', spoil: (n) => n.throws.add('stage'), state: 'failed', text: /stage broke on n2/ },
    {
      name: 'a stage that staged but whose answer was lost',
      spoil: (n) => {
        n.stage = async (id, changes) => {
          n.pending.set(id, { changes, at: 1 });
          throw new Error('The agent did not answer "config.stage" within 60 s.');
        };
      },
      state: 'failed',
      text: /did not answer "config.stage" within 60 s\.; staged files removed$/,
    },
  ];

  it.each(refusals)('switches nothing when one node cannot stage: $name', async ({ spoil, state, text }) => {
    const { cluster, service } = fixture(4);
    const changes = changeMap(cluster);
    spoil(cluster.byId('n2'));
    service.apply('lab', changes);
    await service.idle();
    const [apply] = service.applies('lab');
    expect(apply?.state).toBe(state);
    const n2 = apply?.nodes.find((n) => n.nodeId === 'n2');
    expect(n2?.text).toMatch(text);
    expect(apply?.outcome).toMatch(/^Nothing was switched on any node/);
    for (const n of cluster.nodes) {
      expect(n.calls).not.toContain('switch');
      expect(n.pending.size).toBe(0);
      expect(n.backups.size).toBe(0);
    }
    // The nodes that staged were discarded; none is left in between.
    expect(apply?.nodes.filter((n) => n.nodeId !== 'n2').map((n) => n.phase)).toEqual([
      'discarded',
      'discarded',
      'discarded',
    ]);
  });

  it('carries what a conflicting file is now', async () => {
    const { cluster, service } = fixture(2);
    const changes = changeMap(cluster);
    cluster.byId('n1').files.set('mosix.map', 'edited\n');
    service.apply('lab', changes);
    await service.idle();
    const n1 = service.applies('lab')[0]?.nodes[0];
    expect(n1?.phase).toBe('declined');
    expect(n1?.conflicts).toEqual([
      { name: 'mosix.map', base: sha(OLD['mosix.map']), now: expect.objectContaining({ text: 'edited\n' }) },
    ]);
  });

  it('names a node that fails to switch, with what it has, and offers to roll the others back', async () => {
    const { cluster, service } = fixture(3);
    cluster.byId('n3').failSwitch = 'rename failed: no space left on device';
    const { applyId } = service.apply('lab', changeMap(cluster));
    await service.idle();
    const [apply] = service.applies('lab');
    expect(apply?.state).toBe('failed');
    expect(apply?.outcome).toMatch(
      /^Switched on host-n1, host-n2 but not on host-n3 \(host-n3: could not switch: rename/,
    );
    expect(apply?.nodes[2]).toMatchObject({
      phase: 'failed',
      now: [{ name: 'mosix.map', present: true, text: OLD['mosix.map'] }],
    });
    expect(apply?.rollback).toEqual({ backupId: applyId, nodeIds: ['n1', 'n2'] });
    expect(cluster.nodes.map(mapOf)).toEqual([NEW, NEW, OLD['mosix.map']]);

    // The offered rollback is a two-phase apply of the backup: the nodes agree again.
    const rb = await service.rollback('lab', applyId, apply?.rollback?.nodeIds);
    await service.idle();
    expect(service.applies('lab')[0]).toMatchObject({ applyId: rb.applyId, kind: 'rollback', state: 'done' });
    expect(cluster.nodes.map(mapOf)).toEqual([OLD['mosix.map'], OLD['mosix.map'], OLD['mosix.map']]);
  });

  it('rolls back a file the apply created by removing it', async () => {
    const { cluster, service } = fixture(2, {});
    const { applyId } = service.apply('lab', changeMap(cluster));
    await service.idle();
    await service.rollback('lab', applyId);
    await service.idle();
    expect(cluster.nodes.map(mapOf)).toEqual([undefined, undefined]);
  });

  it.each([
    { name: 'an unknown node', nodes: [{ nodeId: 'n9', changes: [] }], code: /no node "n9"/ },
    {
      name: 'a node given twice',
      nodes: [
        { nodeId: 'n1', changes: [] },
        { nodeId: 'n1', changes: [] },
      ],
      code: /given twice/,
    },
  ])('refuses $name before anything is sent', ({ nodes, code }) => {
    const { service, cluster } = fixture(2);
    expect(() => service.apply('lab', nodes)).toThrow(code);
    expect(cluster.nodes.flatMap((n) => n.calls)).toEqual([]);
  });

  it('refuses a second apply while the first is still staging', async () => {
    const { cluster, service } = fixture(2);
    cluster.byId('n1').hangBefore.add('stage');
    const { applyId } = service.apply('lab', changeMap(cluster));
    expect(() => service.apply('lab', changeMap(cluster))).toThrow(`Apply ${applyId} of this cluster is still staging`);
  });
});
