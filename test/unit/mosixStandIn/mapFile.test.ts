import { describe, expect, it } from 'vitest';
import { parseMosixMap } from '../../../agent/src/parsers/mosixMap';
import { mapText, nodeNumberOf, parseMap } from '../../mosixStandIn/mapFile';

describe('the stand-in reads mosix.map', () => {
  const ok: { name: string; text: string; nodes: string[] }[] = [
    { name: 'one range', text: '10.0.0.11 3\n', nodes: ['10.0.0.11', '10.0.0.12', '10.0.0.13'] },
    {
      name: 'ranges in file order',
      text: '10.0.0.20 1\n10.0.0.11 2 p\n',
      nodes: ['10.0.0.20', '10.0.0.11', '10.0.0.12'],
    },
    { name: 'comments and blank lines', text: '# map\n\n10.0.0.11 1 # first\n', nodes: ['10.0.0.11'] },
    { name: 'a range across an octet', text: '10.0.0.255 2 po\n', nodes: ['10.0.0.255', '10.0.1.0'] },
  ];
  for (const c of ok)
    it(`numbers the nodes: ${c.name}`, () => {
      expect(parseMap(c.text).nodes).toEqual(c.nodes.map((address, i) => ({ number: i + 1, address })));
    });

  it('keeps the flags', () => {
    expect(parseMap('10.0.0.11 2 po\n').ranges).toEqual([
      { line: 1, first: '10.0.0.11', count: 2, proximate: true, outsider: true },
    ]);
  });

  const bad: [string, RegExp][] = [
    ['node1 2\n', /line 1: "node1" is not an IPv4 address/],
    ['10.0.0.1\n', /line 1: expected a node count/],
    ['\n10.0.0.1 0\n', /line 2: expected a node count/],
    ['10.0.0.1 2 x\n', /line 1: "x" is not p, o or po/],
    ['10.0.0.1 2 p extra\n', /line 1/],
    ['255.255.255.255 2\n', /runs past/],
    ['10.0.0.256 1\n', /not an IPv4 address/],
  ];
  for (const [text, why] of bad) it(`refuses ${JSON.stringify(text)}`, () => expect(() => parseMap(text)).toThrow(why));

  it('finds this node by whichever of its addresses the map lists', () => {
    const map = parseMap('10.0.0.11 2\n10.0.0.30 1\n');
    expect(nodeNumberOf(map, ['127.0.0.1', '10.0.0.30'])).toBe(3);
    expect(nodeNumberOf(map, ['10.0.0.12'])).toBe(2);
    expect(nodeNumberOf(map, ['10.0.0.13'])).toBeUndefined();
  });

  it('writes runs of addresses as ranges, which the stand-in and the agent read alike', () => {
    const addresses = ['10.210.41.11', '10.210.41.12', '10.210.41.14'];
    const text = mapText(addresses);
    expect(text).toBe('10.210.41.11 2\n10.210.41.14 1\n');
    expect(parseMap(text).nodes.map((n) => n.address)).toEqual(addresses);
    expect(parseMosixMap(text).map((e) => [e.host, e.count])).toEqual([
      ['10.210.41.11', 2],
      ['10.210.41.14', 1],
    ]);
  });
});
