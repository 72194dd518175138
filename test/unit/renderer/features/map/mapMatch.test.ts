import { describe, expect, it } from 'vitest';
import { matchMap, type KnownNode } from '../../../../../renderer/src/features/map/mapMatch';

const node = (id: string, extra: Partial<KnownNode> = {}): KnownNode => ({ id, name: id, addresses: [], ...extra });

describe('matchMap', () => {
  it.each([
    { name: 'by an address the agent reports', map: '10.0.0.11', node: node('a', { addresses: ['10.0.0.11'] }) },
    { name: 'by the host the admin typed', map: '10.0.0.11', node: node('a', { host: '10.0.0.11' }) },
    { name: 'by host name, any case', map: 'Node1', node: node('a', { hostname: 'node1' }) },
    { name: 'a short map name to an FQDN', map: 'node1', node: node('a', { host: 'node1.lan' }) },
    { name: 'an FQDN in the map to a short name', map: 'node1.lan.', node: node('a', { hostname: 'node1' }) },
  ])('matches $name', ({ map, node: n }) => {
    const m = matchMap([{ number: 3, host: map }], [n]);
    expect(m.rows[0]!.nodeId).toBe('a');
    expect(m.numberOf.get('a')).toBe(3);
    expect(m.notInMap).toEqual([]);
  });

  it.each([
    { name: 'another address', map: '10.0.0.12', node: node('a', { addresses: ['10.0.0.11'] }) },
    { name: 'a name that only shares a prefix', map: 'node1', node: node('a', { hostname: 'node10' }) },
    { name: 'an address prefix is not a short name', map: '10.0.0.1', node: node('a', { host: '10.0.0.11' }) },
  ])('does not match $name', ({ map, node: n }) => {
    const m = matchMap([{ number: 1, host: map }], [n]);
    expect(m.rows[0]!.nodeId).toBeUndefined();
    expect(m.notInMap).toEqual(['a']);
  });

  it('leaves a number two nodes claim unmatched, naming both', () => {
    const m = matchMap(
      [{ number: 1, host: 'node1' }],
      [node('a', { hostname: 'node1' }), node('b', { host: 'node1.lan' })],
    );
    expect(m.rows[0]).toEqual({ number: 1, host: 'node1', ambiguous: ['a', 'b'] });
    expect(m.notInMap).toEqual(['a', 'b']);
  });

  it('gives a node the first of two numbers that both name it, and lists map numbers no node has', () => {
    const m = matchMap(
      [
        { number: 1, host: '10.0.0.11' },
        { number: 2, host: 'node1' },
        { number: 3, host: '10.0.0.13' },
      ],
      [node('a', { hostname: 'node1', addresses: ['10.0.0.11'] }), node('b')],
    );
    expect(m.rows.map((r) => r.nodeId)).toEqual(['a', undefined, undefined]);
    expect(m.notInMap).toEqual(['b']);
  });
});
