/**
 * Recovery from the journal: a hub "killed" at each point of an apply (its fake agents never
 * answer the step it was in, as if the link died with it), then a new hub on the same journal.
 * Whatever the point, the nodes end with all old or all new files, nothing staged, and agree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplyNodePhase, ConfigApply } from '../../../../../electron/api';
import type { FakeConfigCluster } from '../../../../support/fakeConfigNodes';
import { changeMap, fixture, journalOnDisk, mapOf, serviceOn, removeFixtures } from '../../../../support/configFixture';

const OLD = '10.0.0.1 3\n';
const NEW = '10.0.0.1 4\n';
afterEach(removeFixtures);

/** Starts an apply, waits until the journal on disk shows `phases`, and abandons that hub. */
async function killAt(setUp: (c: FakeConfigCluster) => void, phases: ApplyNodePhase[], count = 3) {
  const f = fixture(count);
  setUp(f.cluster);
  const { applyId } = f.service.apply('lab', changeMap(f.cluster));
  await expect
    .poll(() => journalOnDisk(f.dir).applies[0]?.nodes.map((n) => n.phase), { timeout: 2000 })
    .toEqual(phases);
  f.service.close();
  for (const n of f.cluster.nodes) {
    n.hangAfter.clear();
    n.hangBefore.clear();
    n.calls.length = 0;
  }
  return { ...f, applyId };
}

/** A new hub on the same journal and nodes: it recovers what it finds unfinished. */
async function restart(f: Awaited<ReturnType<typeof killAt>>) {
  const next = serviceOn(f.cluster, f.dir);
  await next.service.start();
  await next.service.idle();
  const apply = next.service.applies('lab').find((a) => a.applyId === f.applyId) as ConfigApply;
  return { ...next, apply };
}

const noneStaged = (c: FakeConfigCluster) => c.nodes.every((n) => n.pending.size === 0);

describe('recovery of an apply cut short', () => {
  it.each([
    {
      name: 'killed while a node was staging (it staged, the answer was lost)',
      setUp: (c: FakeConfigCluster) => c.byId('n3').hangAfter.add('stage'),
      phases: ['staged', 'staged', 'staging'] as ApplyNodePhase[],
    },
    {
      name: 'killed before a node staged',
      setUp: (c: FakeConfigCluster) => c.byId('n3').hangBefore.add('stage'),
      phases: ['staged', 'staged', 'staging'] as ApplyNodePhase[],
    },
    {
      name: 'killed while discarding after a refusal',
      setUp: (c: FakeConfigCluster) => {
        c.byId('n2').readOnly = 'read-only file system';
        c.byId('n3').hangBefore.add('discard');
      },
      phases: ['discarded', 'declined', 'staged'] as ApplyNodePhase[],
    },
  ])('discards everywhere when some node never staged: $name', async ({ setUp, phases }) => {
    const f = await killAt(setUp, phases);
    const { apply } = await restart(f);
    expect(noneStaged(f.cluster)).toBe(true);
    expect(f.cluster.nodes.map(mapOf)).toEqual([OLD, OLD, OLD]);
    expect(f.cluster.nodes.flatMap((n) => n.calls)).not.toContain('switch');
    expect(apply).toMatchObject({ state: phases.includes('declined') ? 'declined' : 'failed', decided: 'discard' });
    expect(apply.outcome).toMatch(/^Nothing was switched on any node/);
  });

  it('rolls forward when every node had staged but the decision was not written yet', async () => {
    const f = await killAt(
      (c) => c.nodes.forEach((n) => n.hangBefore.add('switch')),
      // Two at once (the fixture's fan-out): the third waits its turn.
      ['switching', 'switching', 'staged'],
    );
    // The journal as it was an instant earlier: all staged, nothing decided.
    const path = join(f.dir, 'config-applies.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as { applies: ConfigApply[] };
    const entry = file.applies[0] as ConfigApply;
    delete entry.decided;
    entry.state = 'staging';
    for (const n of entry.nodes) n.phase = 'staged';
    writeFileSync(path, JSON.stringify(file));
    const { apply } = await restart(f);
    expect(apply.state).toBe('done');
    expect(f.cluster.nodes.map(mapOf)).toEqual([NEW, NEW, NEW]);
  });

  it('finishes the switch on the rest when killed mid-switch', async () => {
    const f = await killAt(
      (c) => {
        c.byId('n2').hangAfter.add('switch');
        c.byId('n3').hangBefore.add('switch');
      },
      ['switched', 'switching', 'switching'],
    );
    expect(f.cluster.nodes.map(mapOf)).toEqual([NEW, NEW, OLD]);
    const { apply, tasks } = await restart(f);
    expect(apply.state).toBe('done');
    expect(f.cluster.nodes.map(mapOf)).toEqual([NEW, NEW, NEW]);
    expect(noneStaged(f.cluster)).toBe(true);
    // n2 had switched: it is read, not switched twice.
    expect(f.cluster.byId('n2').calls).toEqual(['read']);
    expect(tasks.at(-1)).toMatchObject({ id: apply.taskId, state: 'done' });
  });

  it('rolls the switched nodes back when another can no longer switch', async () => {
    const f = await killAt((c) => c.byId('n3').hangBefore.add('switch'), ['switched', 'switched', 'switching']);
    f.cluster.byId('n3').pending.clear(); // its staged files are gone (say, /var was wiped)
    const { apply, service } = await restart(f);
    await service.idle();
    expect(apply.state).toBe('failed');
    expect(apply.nodes[2]).toMatchObject({
      phase: 'failed',
      text: 'its staged files are gone: it can no longer switch',
    });
    expect(apply.rolledBackBy).toBeDefined();
    expect(apply.outcome).toMatch(/rolled them back by itself/);
    const rollback = service.applies('lab').find((a) => a.applyId === apply.rolledBackBy);
    expect(rollback).toMatchObject({ kind: 'rollback', rollbackOf: f.applyId, state: 'done' });
    expect(rollback?.nodes.map((n) => n.nodeId)).toEqual(['n1', 'n2']);
    expect(f.cluster.nodes.map(mapOf)).toEqual([OLD, OLD, OLD]);
  });

  it('stays recovering while a node is away and finishes when it is back', async () => {
    const f = await killAt((c) => c.byId('n3').hangBefore.add('switch'), ['switched', 'switched', 'switching']);
    f.cluster.byId('n3').up = false;
    const { apply, service, events } = await restart(f);
    expect(apply.state).toBe('recovering');
    expect(apply.outcome).toMatch(/Waiting for host-n3/);
    expect(journalOnDisk(f.dir).applies[0]?.state).toBe('recovering');
    f.cluster.byId('n3').up = true;
    service.nodeUp('lab');
    await service.idle();
    expect(events.at(-1)).toMatchObject({ applyId: f.applyId, state: 'done' });
    expect(f.cluster.nodes.map(mapOf)).toEqual([NEW, NEW, NEW]);
  });

  it('tries again when a node comes back during an attempt that has already passed it', async () => {
    const f = await killAt(
      (c) => ['n2', 'n3'].forEach((id) => c.byId(id).hangBefore.add('switch')),
      ['switched', 'switching', 'switching'],
    );
    const n3 = f.cluster.byId('n3');
    n3.up = false;
    const next = serviceOn(f.cluster, f.dir);
    await next.service.start();
    // n3 was found away; it is back before the attempt ends (n2 is still being read).
    const n2 = f.cluster.byId('n2');
    const read = n2.read.bind(n2);
    n2.read = async () => {
      n3.up = true;
      next.service.nodeUp('lab');
      return read();
    };
    await next.service.idle();
    expect(next.service.applies('lab')[0]).toMatchObject({ applyId: f.applyId, state: 'done' });
    expect(f.cluster.nodes.map(mapOf)).toEqual([NEW, NEW, NEW]);
  });

  it('says so when the journal is damaged, and moves it aside', async () => {
    const f = fixture(1);
    writeFileSync(join(f.dir, 'config-applies.json'), '{ not json');
    await f.service.start();
    expect(f.notices[0]).toMatch(/was damaged .* moved aside/);
  });
});
