import { describe, expect, it } from 'vitest';
import { clusterMapFromSetpe } from '../../../../../agent/src/engines/mosix/clusterMap';

const HOSTS: Record<string, string> = { 'mos1.cs.huji.ac.il': '132.65.174.1', 'mos38.cs.huji.ac.il': '132.65.174.38' };
const resolve = (name: string) => Promise.resolve(HOSTS[name]);
const read = (text: string) => clusterMapFromSetpe(text, resolve, 'setpe -r on t');
const numbered = async (text: string) => (await read(text)).nodes.map((n) => `${n.number}=${n.host}`);

describe('clusterMapFromSetpe', () => {
  it('numbers a host-name range from its resolved ends, as the seed prints it', async () => {
    const map = await read(
      'This MOSIX node is: 132.65.174.1 (mos1.cs.huji.ac.il) (no features)\n\nNodes in this cluster:\n\nmos1.cs.huji.ac.il - mos38.cs.huji.ac.il\n',
    );
    expect(map.entries).toEqual([
      { host: 'mos1.cs.huji.ac.il', count: 38, proximate: false, outsider: false, line: 5 },
    ]);
    expect(map.nodes[0]).toEqual({ number: 1, host: 'mos1.cs.huji.ac.il' });
    expect(map.nodes[37]).toEqual({ number: 38, host: '132.65.174.38' });
    expect(map.path).toBe('setpe -r on t');
  });

  it.each([
    ['one address', 'Nodes in this cluster:\n10.0.0.5\n', ['1=10.0.0.5']],
    [
      'ranges numbered on in order, flags kept',
      'Nodes in this cluster:\n10.0.0.1 - 10.0.0.2\n10.0.1.9: outsider,proximate\n',
      ['1=10.0.0.1', '2=10.0.0.2', '3=10.0.1.9'],
    ],
  ])('%s', async (_name, text, want) => {
    expect(await numbered(text)).toEqual(want);
  });

  it('keeps the outsider and proximate flags', async () => {
    const map = await read('Nodes in this cluster:\n10.0.1.9 - 10.0.1.10: outsider,proximate\n');
    expect(map.entries[0]).toMatchObject({ count: 2, outsider: true, proximate: true });
  });

  it.each([
    ['no cluster list', 'This MOSIX node is: 10.0.0.1 (no features)\n', 'lists no nodes in this cluster'],
    ['a name that does not resolve', 'Nodes in this cluster:\nghost - ghost\n', 'line 2: ghost does not resolve'],
    ['a range by node number', 'Nodes in this cluster:\n3 - 5\n', 'node number 3 does not say which address'],
    ['a backwards range', 'Nodes in this cluster:\n10.0.0.9 - 10.0.0.1\n', 'ends before it starts'],
    ['an unreadable line', 'Nodes in this cluster:\n10.0.0.1 - - 10.0.0.2\n', 'setpe -r line 2'],
  ])('refuses %s, naming it', async (_name, text, why) => {
    await expect(read(text)).rejects.toThrow(why);
  });
});
