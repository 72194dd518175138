import { describe, expect, it } from 'vitest';
import type { ProcRow } from '../../../../../agent/src/protocol/procTypes';
import type { Hello } from '../../../../../electron/api';
import {
  type DraggedProcess,
  type MigratingRow,
  type SourceNode,
  type TargetInput,
  type TargetNode,
  type TargetRefusal,
  selectionVerdicts,
  summariseTarget,
  targetVerdict,
} from '../../../../../renderer/src/features/processes/migrationTargets';

const GiB = 1024 ** 3;

const LINUX_MIGRATE = 'Plain Linux cannot move a running process to another node; that needs MOSIX on the node.';

function hello(engine: Hello['engine'], user: Partial<Hello['user']> = {}): Hello {
  const mosix = engine === 'mosix';
  return {
    protocolVersion: 1,
    agentVersion: '0.5.0',
    engine,
    engineReason: 'a test',
    node: { hostname: 'n', addresses: [], kernel: '6.1.0', cpuModel: 'x', cpuCount: 4 },
    user: { name: 'alice', uid: 1000, isRoot: false, ...user },
    jobFreezeMethod: 'cgroup',
    capabilities: {
      monitor: true,
      processes: true,
      freeze: true,
      signal: true,
      run: true,
      migrate: mosix ? true : LINUX_MIGRATE,
      checkpoint: mosix ? true : 'no',
      queue: mosix ? true : 'no',
      grid: mosix ? true : 'Multi-cluster (grid) sharing needs MOSIX.',
    },
  };
}

const row: MigratingRow = {
  pid: 4711,
  user: 'alice',
  uid: 1000,
  state: 'R',
  where: 'here',
  from: 'here',
  class: 'local',
  frz: '-',
};
// The process view passes whole rows: a ProcRow must stay a MigratingRow.
const _rowFits = (r: ProcRow): MigratingRow => r;

const source: SourceNode = { id: 'n1', name: 'node1', state: 'up', hello: hello('mosix') };
const target: TargetNode = { id: 'n3', name: 'node3', state: 'up', hello: hello('mosix'), freeMemBytes: 8 * GiB };

interface Change {
  row?: Partial<MigratingRow>;
  process?: Partial<TargetInput['process']>;
  source?: Partial<SourceNode>;
  target?: Partial<TargetNode>;
}

function input(c: Change = {}): TargetInput {
  return {
    process: { row: { ...row, ...c.row }, nodeId: 'n1', ...c.process },
    source: { ...source, ...c.source },
    target: { ...target, ...c.target },
  };
}

const dead = { state: 'dead', reason: 'No answer for 30 s.' } as const;
const asRoot = hello('mosix', { isRoot: true, name: 'root', uid: 0 });

/** What each refusal says, word for word, by the case that produces it. */
const SAYS = {
  'a dead target': 'node3 is not reachable (dead). No answer for 30 s. Pick a node that is up.',
  'a target still connecting':
    'node3 is not reachable (connecting). Connecting over SSH and starting the agent. Pick a node that is up.',
  'a dead source':
    'node1, which lists it, is not reachable (dead). No answer for 30 s. Its agent must ask for the move.',
  'the node it runs on now': 'It already runs on node1.',
  'the node WHERE names, by short name': 'It already runs on node3.cluster.',
  'the node the hub matched WHERE to': 'It already runs on node3.',
  'a source on the linux engine': `node1 cannot migrate processes: ${LINUX_MIGRATE}`,
  'a target on the linux engine': `node3 cannot take migrated processes: ${LINUX_MIGRATE}`,
  'a native process':
    'Process 4711 is native Linux, not started by mosrun, so MOSIX will never move it. Run it under mosrun to make it migratable.',
  'a native batch job':
    'Process 4711 is a batch job (mosrun -E): it runs as plain Linux on the node it was sent to and cannot migrate. Start it with mosrun -M to have a migratable batch job.',
  'a job waiting in the queue':
    'Process 4711 is still waiting in the queue, so there is nothing to move yet. Use the queue to run it now.',
  'a zombie': 'Process 4711 has exited (zombie); there is nothing left to move.',
  'a process frozen by hand':
    'Process 4711 is frozen: it was frozen by hand (FRZ M). Continue it first (C), then move it.',
  'an expelled process':
    'Process 4711 is frozen: it was expelled and arrived home frozen (FRZ E). Continue it first (C), then move it.',
  'an auto-frozen process':
    'Process 4711 is frozen: MOSIX froze it because the load of its class passed the red mark (FRZ A). Continue it first (C), then move it.',
  "another user's process":
    "Process 4711 belongs to bob, and the agent on node1 runs as alice, not root, so it may move only alice's processes. Connect to node1 as bob or as root.",
  'a guest':
    "Process 4711 is a guest from node7, and only root may move a guest off the node it visits; the agent on node1 runs as alice. Drag it from node7's table instead.",
  'a dontgo target': 'The map on node1 marks node3 dontgo: local processes may not go there.',
  'a target that will not take guests from the source':
    "node3's map marks node1 dont_take: it refuses guests from there.",
  'a class-0 process to an outsider node':
    'The map marks node3 outsider: class-0 processes (started without mosrun -G) may not go there. Pick a node of the cluster, or start it with mosrun -G.',
  'a class-0 process to a partner cluster':
    'Process 4711 is class 0 (started without mosrun -G), so it may not leave its cluster for node3 in partner cluster bmos. Start it with mosrun -G to let it use the grid.',
  'a grid process whose node has no grid':
    'node1 cannot send processes to partner cluster bmos: The grid is closed (mosctl closegrid).',
  'too little free memory for the declared need':
    'node3 has 1.5 GiB free, less than the 4.0 GiB process 4711 declared it needs (mosrun -m4096), so MOSIX would not move it there. Pick a node with more free memory.',
} as const;

const closedGrid: Hello = {
  ...hello('mosix'),
  capabilities: { ...hello('mosix').capabilities, grid: 'The grid is closed (mosctl closegrid)' },
};

describe('targetVerdict', () => {
  it("lets a running class-0 process of the agent's user go to another live mosix node", () => {
    expect(targetVerdict(input())).toEqual({ legal: true });
  });

  it.each<[string, Change]>([
    ['a process away on node2 dropped on its home', { row: { where: 'node2' } }],
    ['a grid class to a partner cluster', { row: { class: 2 }, target: { map: { partnerOf: 'bmos' } } }],
    ['a grid class to an outsider node', { row: { class: 1 }, target: { map: { outsider: true } } }],
    ["another user's process when the agent is root", { row: { uid: 0, user: 'root' }, source: { hello: asRoot } }],
    ['a guest when the agent is root', { row: { from: 'node7', frz: 'N/A' }, source: { hello: asRoot } }],
    ['exactly the declared memory free', { process: { declaredMemBytes: 8 * GiB } }],
    ['free memory not known', { process: { declaredMemBytes: 64 * GiB }, target: { freeMemBytes: undefined } }],
  ])('is legal for %s', (_name, change) => {
    expect(targetVerdict(input(change))).toEqual({ legal: true });
  });

  it.each<[keyof typeof SAYS, TargetRefusal, Change]>([
    ['a dead target', 'unreachable', { target: dead }],
    ['a target still connecting', 'unreachable', { target: { state: 'connecting', hello: undefined } }],
    ['a dead source', 'unreachable', { source: dead }],
    ['the node it runs on now', 'same-node', { target: { id: 'n1', name: 'node1' } }],
    [
      'the node WHERE names, by short name',
      'same-node',
      { row: { where: 'node3' }, target: { name: 'node3.cluster' } },
    ],
    [
      'the node the hub matched WHERE to',
      'same-node',
      { row: { where: '10.0.0.13' }, process: { runsOnNodeId: 'n3' } },
    ],
    ['a source on the linux engine', 'engine', { source: { hello: hello('linux') } }],
    ['a target on the linux engine', 'engine', { target: { hello: hello('linux') } }],
    ['a native process', 'not-migratable', { row: { class: 'native' } }],
    ['a native batch job', 'not-migratable', { row: { class: 'batch' } }],
    ['a job waiting in the queue', 'not-migratable', { row: { where: 'queue' } }],
    ['a zombie', 'not-migratable', { row: { state: 'Z' } }],
    ['a process frozen by hand', 'not-migratable', { row: { frz: 'M' } }],
    ['an expelled process', 'not-migratable', { row: { frz: 'E' } }],
    ['an auto-frozen process', 'not-migratable', { row: { frz: 'A' } }],
    ["another user's process", 'not-yours', { row: { uid: 1001, user: 'bob' } }],
    ['a guest', 'not-yours', { row: { from: 'node7' } }],
    ['a dontgo target', 'dontgo', { target: { map: { dontgo: true } } }],
    ['a target that will not take guests from the source', 'dont-take', { target: { map: { dontTake: true } } }],
    ['a class-0 process to an outsider node', 'outside-grid', { target: { map: { outsider: true } } }],
    ['a class-0 process to a partner cluster', 'outside-grid', { target: { map: { partnerOf: 'bmos' } } }],
    [
      'a grid process whose node has no grid',
      'outside-grid',
      { row: { class: 1 }, source: { hello: closedGrid }, target: { map: { partnerOf: 'bmos' } } },
    ],
    [
      'too little free memory for the declared need',
      'memory',
      { process: { declaredMemBytes: 4 * GiB }, target: { freeMemBytes: 1.5 * GiB } },
    ],
  ])('refuses %s (%s)', (name, code, change) => {
    expect(targetVerdict(input(change))).toEqual({ legal: false, code, reason: SAYS[name] });
  });

  it.each<{ name: string; change: Change; code: TargetRefusal }>([
    { name: 'dead over same node', change: { target: { id: 'n1', ...dead } }, code: 'unreachable' },
    { name: 'same node over engine', change: { target: { id: 'n1', hello: hello('linux') } }, code: 'same-node' },
    {
      name: 'engine over process',
      change: { source: { hello: hello('linux') }, row: { class: 'native' } },
      code: 'engine',
    },
    {
      name: 'process over permission',
      change: { row: { class: 'native', uid: 0, user: 'root' } },
      code: 'not-migratable',
    },
    {
      name: 'permission over map',
      change: { row: { uid: 0, user: 'root' }, target: { map: { dontgo: true } } },
      code: 'not-yours',
    },
    { name: 'dontgo over dont_take', change: { target: { map: { dontgo: true, dontTake: true } } }, code: 'dontgo' },
    {
      name: 'dont_take over outsider',
      change: { target: { map: { dontTake: true, outsider: true } } },
      code: 'dont-take',
    },
    {
      name: 'map over memory',
      change: { process: { declaredMemBytes: 4 * GiB }, target: { freeMemBytes: GiB, map: { outsider: true } } },
      code: 'outside-grid',
    },
    {
      name: 'a dead source over everything',
      change: { source: dead, target: dead, row: { class: 'native' } },
      code: 'unreachable',
    },
  ])('when two reasons apply, the first wins: $name', ({ change, code }) => {
    expect(targetVerdict(input(change))).toMatchObject({ legal: false, code });
  });
});

describe('selection summaries', () => {
  const drag = (r: Partial<MigratingRow>, src: SourceNode = source): DraggedProcess => ({
    process: { row: { ...row, ...r }, nodeId: src.id },
    source: src,
  });
  const mine = [drag({ pid: 1 }), drag({ pid: 2 }), drag({ pid: 3 })];
  const bobs = [drag({ pid: 4, uid: 1001, user: 'bob' }), drag({ pid: 5, uid: 1001, user: 'bob' })];

  it('says how many can go and why the others cannot: "3 of 5 can go; 2: not yours"', () => {
    const s = summariseTarget([...mine, ...bobs], target);
    expect(s.text).toBe('3 of 5 can go; 2: not yours');
    expect(s).toMatchObject({ targetId: 'n3', total: 5, legal: true });
    expect(s.canGo.map((d) => d.process.row.pid)).toEqual([1, 2, 3]);
    expect(s.refused).toHaveLength(1);
    expect(s.refused[0]).toMatchObject({ code: 'not-yours', label: 'not yours' });
    expect(s.refused[0]?.reason).toMatch(/^Process 4 belongs to bob/);
    expect(s.refused[0]?.processes.map((d) => d.process.row.pid)).toEqual([4, 5]);
  });

  it.each([
    { name: 'all can go', dragged: mine, text: 'All 3 can go.', legal: true },
    {
      name: 'none can go, most common reason first',
      dragged: [
        ...bobs,
        drag({ pid: 6, class: 'native' }),
        drag({ pid: 7, class: 'native' }),
        drag({ pid: 8, class: 'native' }),
      ],
      text: 'None of the 5 can go; 3: not migratable, 2: not yours',
      legal: false,
    },
    {
      name: 'ties in the order of the checks',
      dragged: [drag({ pid: 9, uid: 7 }), drag({ pid: 10, frz: 'M' }), drag({ pid: 11 })],
      text: '1 of 3 can go; 1: not migratable, 1: not yours',
      legal: true,
    },
    { name: 'one process that can go', dragged: [drag({})], text: 'It can go here.', legal: true },
    {
      name: 'one process that cannot: its own reason',
      dragged: [drag({ state: 'Z' })],
      text: 'Process 4711 has exited (zombie); there is nothing left to move.',
      legal: false,
    },
    { name: 'nothing dragged', dragged: [], text: 'Nothing is selected to move.', legal: false },
  ])('$name', ({ dragged, text, legal }) => {
    expect(summariseTarget(dragged, target)).toMatchObject({ text, legal });
  });

  it('checks each process against the node it came from, every target at once', () => {
    const node2: SourceNode = { id: 'n2', name: 'node2', state: 'up', hello: hello('linux') };
    const dragged = [drag({ pid: 1 }), drag({ pid: 2 }, node2)];
    const targets: TargetNode[] = [
      { ...target, id: 'n1', name: 'node1' },
      { ...target, id: 'n2', name: 'node2' },
      target,
      { ...target, id: 'n5', name: 'node5', ...dead },
    ];
    const byTarget = selectionVerdicts(dragged, targets);
    expect([...byTarget.keys()]).toEqual(['n1', 'n2', 'n3', 'n5']);
    expect(byTarget.get('n1')?.text).toBe('None of the 2 can go; 1: already there, 1: engine cannot migrate');
    expect(byTarget.get('n2')?.text).toBe('1 of 2 can go; 1: already there');
    expect(byTarget.get('n3')?.text).toBe('1 of 2 can go; 1: engine cannot migrate');
    expect(byTarget.get('n5')?.text).toBe('None of the 2 can go; 2: node not reachable');
  });

  it("takes map relations per source and target when given, over the target's own", () => {
    const node2: SourceNode = { ...source, id: 'n2', name: 'node2' };
    const dragged = [drag({ pid: 1 }), drag({ pid: 2 }, node2)];
    const s = summariseTarget(dragged, { ...target, map: { dontgo: true } }, (from) =>
      from === 'n2' ? { dontTake: true } : undefined,
    );
    expect(s.text).toBe('None of the 2 can go; 1: dontgo, 1: dont_take');
  });
});
