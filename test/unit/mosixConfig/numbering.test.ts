import { describe, expect, it } from 'vitest';
import { nodeNumbers, parseConfig } from '../../../agent/src/mosixConfig';

const config = (files: Record<string, string>) => parseConfig(new Map(Object.entries(files))).config;
const brief = (n: ReturnType<typeof nodeNumbers>) => n.map((x) => [x.number, x.host, x.address, x.numberedBy]);

describe('nodeNumbers', () => {
  it('numbers 1.. in file order across octets', () => {
    expect(brief(nodeNumbers(config({ 'mosix.map': '10.0.0.254 3\nsolo 1\n' })))).toEqual([
      [1, '10.0.0.254', '10.0.0.254', 'map'],
      [2, '10.0.0.255', '10.0.0.255', 'map'],
      [3, '10.0.1.0', '10.0.1.0', 'map'],
      [4, 'solo', null, 'map'],
    ]);
  });

  it('expands a name standing for several nodes from its address, or says it is unknown', () => {
    const c = config({ 'mosix.map': 'node1 3\n' });
    expect(brief(nodeNumbers(c, { node1: '192.168.7.20' }))).toEqual([
      [1, 'node1', '192.168.7.20', 'map'],
      [2, '192.168.7.21', '192.168.7.21', 'map'],
      [3, '192.168.7.22', '192.168.7.22', 'map'],
    ]);
    expect(brief(nodeNumbers(c))).toEqual([
      [1, 'node1', null, 'map'],
      [2, 'node1+1', null, 'map'],
      [3, 'node1+2', null, 'map'],
    ]);
  });

  it("takes userview.map's numbers where it covers a node", () => {
    const c = config({ 'mosix.map': '10.0.0.1 3\nhead 1\n', 'userview.map': '101 10.0.0.2 2\n1 head 1\n' });
    expect(brief(nodeNumbers(c))).toEqual([
      [1, '10.0.0.1', '10.0.0.1', 'map'],
      [101, '10.0.0.2', '10.0.0.2', 'userview'],
      [102, '10.0.0.3', '10.0.0.3', 'userview'],
      [1, 'head', null, 'userview'],
    ]);
  });

  it('stops at 65535 nodes whatever the counts say', () => {
    expect(nodeNumbers(config({ 'mosix.map': '10.0.0.1 70000\n' }))).toHaveLength(65_535);
  });
});
