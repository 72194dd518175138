import { describe, expect, it } from 'vitest';
import type { MosrunOptions } from '../../../../../agent/src/mosrun/options';
import type { PlanNode } from '../../../../../renderer/src/features/jobs/run/planNodes';
import { clusterEngine, planRun, type PlanInput } from '../../../../../renderer/src/features/jobs/run/runPlan';

const node = (name: string, position: number, over: Partial<PlanNode> = {}): PlanNode => ({
  ...{ id: `id-${name}`, name, position, up: true, accepts: true, availableMb: 4000, load: 0, cpus: 2, speed: 2000 },
  ...{ engine: 'linux', names: [name], addresses: [`10.0.0.${position}`] },
  ...over,
});
const NODES = [
  node('n1', 1, { load: 2 }),
  node('n2', 2, { load: 0.5, cpus: 4 }),
  node('n3', 3, { load: 1, availableMb: 900 }),
  node('n4', 4, { up: false, downWhy: 'n4 is dead: ssh: connection refused' }),
];
const prog = (over: Partial<MosrunOptions> = {}): MosrunOptions => ({
  target: { kind: 'program', program: 'sim', args: ['-n', '3'] },
  ...over,
});
const input = (options: MosrunOptions, over: Partial<PlanInput> = {}): PlanInput => ({
  ...{ options, cwd: '/home/alice', env: {}, lines: [], nodes: NODES },
  ...over,
});

describe('planRun on a linux cluster: mosdesk places the job', () => {
  it.each<[string, Partial<MosrunOptions>, string | RegExp]>([
    ['best: lowest load per CPU and speed', { placement: { kind: 'best' } }, 'n2'],
    ['no placement means best', {}, 'n2'],
    ['-m steers best away from a node without the memory', { placement: { kind: 'best' }, memoryMb: 950 }, 'n2'],
    ['by name', { placement: { kind: 'host', host: 'n3' } }, 'n3'],
    ['node 3 by number is the third in the list', { placement: { kind: 'node', node: 3 } }, 'n3'],
    ['by IP', { placement: { kind: 'ip', ip: '10.0.0.1' } }, 'n1'],
  ])('%s', (_what, over, want) => {
    const plan = planRun(input(prog(over)), 'linux');
    expect(plan.ok && plan.nodeName).toBe(want);
  });

  it.each<[string, Partial<MosrunOptions>, RegExp]>([
    ['-m larger than any node has free', { memoryMb: 5000 }, /No node has 5,000 MB free.*most is 4,000 MB on n1/],
    [
      '-m larger than the named node has free',
      { placement: { kind: 'host', host: 'n3' }, memoryMb: 1000 },
      /n3 has 900 MB free/,
    ],
    ['a dead node', { placement: { kind: 'node', node: 4 } }, /n4 is dead: ssh: connection refused/],
    ['a number beyond the list', { placement: { kind: 'node', node: 9 } }, /has 4 nodes, numbered 1-4/],
    ['an unknown name', { placement: { kind: 'host', host: 'zz' } }, /no node .* by that name/],
    ['home', { placement: { kind: 'home' } }, /-h needs a home node/],
    ['-q', { queue: { letter: 'q', priority: 60 } }, /-q needs MOSIX's queue/],
    ['-L', { migration: 'locked' }, /-L\/-l needs automatic migration/],
    ['-C', { checkpointBase: '/ck/x' }, /-C\/-A\/-N needs MOSIX checkpoints/],
    ['-G', { gridClass: 1 }, /-G needs/],
    ['-E', { batch: { kind: 'native' } }, /-E\/-M needs/],
    ['pasted -c', { noIoHoming: true }, /-c needs/],
  ])('refuses %s before anything starts', (_what, over, why) => {
    const plan = planRun(input(prog(over)), 'linux');
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.why).toMatch(why);
  });

  it('random from ranges picks among the up nodes in them', () => {
    const ranges = [{ from: 3, to: 4 }];
    for (const r of [0, 5]) {
      const plan = planRun(input(prog({ placement: { kind: 'random', ranges } }), { random: () => r }), 'linux');
      expect(plan.ok && plan.nodeName).toBe('n3'); // n4 is dead: the only candidate
    }
  });

  it('starts the program with the options linux honours as fields', () => {
    const o = prog({ memoryMb: 100, jobId: 20, due: { days: 0, hours: 1, minutes: 30 } });
    const plan = planRun(input(o, { env: { A: '1' } }), 'linux');
    expect(plan.ok && plan.call).toEqual({
      method: 'jobs.run',
      nodeId: 'id-n2',
      start: { argv: ['sim', '-n', '3'], cwd: '/home/alice', env: { A: '1' }, jobId: 20, memMb: 100, dueMinutes: 90 },
    });
  });

  it('a set goes to one node with its lines and maxjobs', () => {
    const o: MosrunOptions = {
      target: { kind: 'commands', maxJobs: 2, commandsFile: 'c' },
      placement: { kind: 'node', node: 1 },
    };
    const plan = planRun(input(o, { lines: ['a 1', 'b 2'] }), 'linux');
    expect(plan.ok && plan.call).toEqual({
      method: 'jobs.runSet',
      nodeId: 'id-n1',
      lines: ['a 1', 'b 2'],
      maxJobs: 2,
      start: { cwd: '/home/alice' },
    });
  });

  it('a failed-file is refused: mosdesk writes none', () => {
    const o: MosrunOptions = { target: { kind: 'commands', maxJobs: 2, commandsFile: 'c', failedFile: 'f' } };
    const plan = planRun(input(o, { lines: ['a'] }), 'mosix');
    expect(!plan.ok && plan.why).toMatch(/writes no failed-file/);
  });
});

describe('planRun on a MOSIX cluster: the real mosrun places the job', () => {
  const MOSIX = NODES.map((n) => ({ ...n, engine: 'mosix' as const }));
  it('sends the options to mosrun on the home node, and says what best would pick', () => {
    const o = prog({ placement: { kind: 'best' }, memoryMb: 100, queue: { letter: 'q', priority: 60 }, jobId: 7 });
    const plan = planRun(input(o, { nodes: MOSIX }), 'mosix');
    expect(plan.ok && plan.nodeName).toBe('n1');
    expect(plan.ok && plan.why).toMatch(/mosrun on n1 places it.*that is n2/);
    expect(plan.ok && plan.call).toEqual({
      method: 'jobs.run',
      nodeId: 'id-n1',
      start: {
        argv: ['sim', '-n', '3'],
        cwd: '/home/alice',
        jobId: 7,
        mosrun: expect.arrayContaining(['-b', '-m100', '-q60', '-J7']),
      },
    });
  });
  it('runs mosrun on the chosen home node', () => {
    const plan = planRun(input(prog(), { nodes: MOSIX, homeNodeId: 'id-n3' }), 'mosix');
    expect(plan.ok && plan.nodeName).toBe('n3');
  });
  it('refuses -m that no node has free', () => {
    const plan = planRun(input(prog({ memoryMb: 9000 }), { nodes: MOSIX }), 'mosix');
    expect(!plan.ok && plan.why).toMatch(/No node has 9,000 MB free/);
  });
  it('refuses when the home node is down', () => {
    const plan = planRun(input(prog(), { nodes: MOSIX, homeNodeId: 'id-n4' }), 'mosix');
    expect(!plan.ok && plan.why).toMatch(/n4 is dead/);
  });
  it('a cluster with any MOSIX node is a MOSIX cluster', () => {
    expect(clusterEngine(NODES)).toBe('linux');
    expect(clusterEngine([...NODES, node('m', 5, { engine: 'mosix' })])).toBe('mosix');
  });
});
