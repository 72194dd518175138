import { afterEach, describe, expect, it } from 'vitest';
import {
  currentDrag,
  dragOf,
  endDrag,
  leaveDrag,
  verdictFor,
} from '../../../../../renderer/src/features/processes/dragState';
import { nodeView } from '../../support/views';
import { entry } from './procFixtures';

const linuxHello = (name: string) =>
  ({
    engine: 'linux',
    user: { name: 'root', uid: 0 },
    capabilities: { migrate: 'Plain Linux cannot move a running process to another node.' },
    node: { hostname: name },
  }) as never;
const n1 = nodeView('1', { name: 'node1', state: 'up', hello: linuxHello('node1') });
const n2 = nodeView('2', { name: 'node2', state: 'up', hello: linuxHello('node2') });
const dead = nodeView('3', { name: 'node3', state: 'dead', reason: 'stopped answering' });

afterEach(() => (currentDrag.value = null));

describe('the drag in progress', () => {
  it('gives no verdict when nothing is dragged, or for another cluster', () => {
    expect(verdictFor('lab', n2)).toBeNull();
    currentDrag.value = dragOf('lab', [entry('1', { pid: 7 })], [n1, n2], () => undefined);
    expect(verdictFor('other', n2)).toBeNull();
  });

  it('says why each node refuses a plain Linux process: dead first, then the engine', () => {
    currentDrag.value = dragOf('lab', [entry('1', { pid: 7, class: 'local' })], [n1, n2, dead], () => undefined);
    const onDead = verdictFor('lab', dead);
    expect(onDead?.legal).toBe(false);
    expect(onDead?.text).toContain('not reachable');
    const onOther = verdictFor('lab', n2);
    expect(onOther?.legal).toBe(false);
    expect(onOther?.text).toContain('Plain Linux cannot move a running process');
    expect(verdictFor('lab', n1)?.text).toContain('already runs on node1');
  });

  it('applies what the map says of a target: a class-0 process is refused an outsider node', () => {
    const mosixHello = (name: string) =>
      ({
        engine: 'mosix',
        user: { name: 'root', uid: 0, isRoot: true },
        capabilities: { migrate: true },
        node: { hostname: name },
      }) as never;
    const m1 = nodeView('1', { name: 'node1', state: 'up', hello: mosixHello('node1') });
    const m2 = nodeView('2', { name: 'node2', state: 'up', hello: mosixHello('node2') });
    const moving = [entry('1', { pid: 7, class: 'local', where: 'here' })];
    currentDrag.value = dragOf('lab', moving, [m1, m2], () => undefined);
    expect(verdictFor('lab', m2)?.text).toBe('It can go here.');
    currentDrag.value = dragOf('lab', moving, [m1, m2], () => undefined, new Map([['2', { outsider: true }]]));
    expect(verdictFor('lab', m2)?.text).toContain('marks node2 outsider');
  });

  it('leaves out a process whose node is not in the cluster any more', () => {
    expect(dragOf('lab', [entry('9', { pid: 7 })], [n1], () => undefined).dragged).toEqual([]);
  });
});

describe('a drag that ends without a drop', () => {
  it('over a refused node says that node’s reason (the browser fires no drop there)', () => {
    const said: string[] = [];
    currentDrag.value = dragOf('lab', [entry('1', { pid: 7, class: 'local' })], [n1, n2], (node, s) =>
      said.push(`${node.name}: ${s.text}`),
    );
    const summary = verdictFor('lab', n2)!;
    currentDrag.value.over = { node: n2, summary };
    endDrag();
    expect(said).toEqual([`node2: ${summary.text}`]);
    expect(currentDrag.value).toBeNull();
  });

  it('after leaving the node says nothing', () => {
    const said: string[] = [];
    currentDrag.value = dragOf('lab', [entry('1', { pid: 7 })], [n1, n2], () => said.push('x'));
    currentDrag.value.over = { node: n2, summary: verdictFor('lab', n2)! };
    leaveDrag(n2);
    endDrag();
    expect(said).toEqual([]);
  });
});
