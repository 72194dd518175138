import { describe, expect, it } from 'vitest';
import { clusterMapSchema } from '../../../../../electron/hub/clusters/clusterMapSchema';

const good = {
  path: '/etc/mosix/mosix.map',
  entries: [{ host: '10.0.0.1', count: 2, proximate: false, outsider: false, line: 1 }],
  nodes: [
    { number: 1, host: '10.0.0.1' },
    { number: 2, host: '10.0.0.2' },
  ],
};

describe('clusterMapSchema', () => {
  it('takes a map as the agent sends it', () => {
    expect(clusterMapSchema.parse(good)).toEqual({ path: good.path, nodes: good.nodes });
  });

  it.each([
    { name: 'no nodes list', map: { path: good.path } },
    { name: 'nodes that are not a list', map: { ...good, nodes: {} } },
    { name: 'a node without a host', map: { ...good, nodes: [{ number: 1 }] } },
    { name: 'a host with a space', map: { ...good, nodes: [{ number: 1, host: 'a b' }] } },
    { name: 'a host that is an option', map: { ...good, nodes: [{ number: 1, host: '-oProxyCommand=x' }] } },
    { name: 'node number 0', map: { ...good, nodes: [{ number: 0, host: 'n' }] } },
    { name: 'a fractional number', map: { ...good, nodes: [{ number: 1.5, host: 'n' }] } },
    { name: "a number past MOSIX's 65535", map: { ...good, nodes: [{ number: 2_000_000_000, host: 'n' }] } },
    {
      name: 'two nodes with one number',
      map: { ...good, nodes: [good.nodes[0], { ...good.nodes[1], number: 1 }] },
    },
    { name: 'no path', map: { nodes: good.nodes } },
    { name: 'null', map: null },
  ])('refuses $name', ({ map }) => {
    expect(clusterMapSchema.safeParse(map).success).toBe(false);
  });
});
