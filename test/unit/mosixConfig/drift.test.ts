import { describe, expect, it } from 'vitest';
import { configDrift } from '../../../agent/src/mosixConfig';

const node = (files: Record<string, string>) => new Map(Object.entries(files));

describe('configDrift', () => {
  it.each([
    {
      name: 'every node alike',
      nodes: { n1: node({ 'mosix.map': 'a 1\n' }), n2: node({ 'mosix.map': 'a 1\n' }) },
      want: [],
    },
    {
      name: 'one node with another map, the most common version first',
      nodes: {
        n1: node({ 'mosix.map': 'a 1\n' }),
        n2: node({ 'mosix.map': 'b 1\n' }),
        n3: node({ 'mosix.map': 'b 1\n' }),
      },
      want: [
        {
          file: 'mosix.map',
          versions: [
            { text: 'b 1\n', nodes: ['n2', 'n3'] },
            { text: 'a 1\n', nodes: ['n1'] },
          ],
        },
      ],
    },
    {
      name: 'a file only some nodes have',
      nodes: { n1: node({ mosip: '10.0.0.1\n' }), n2: node({}) },
      want: [
        {
          file: 'mosip',
          versions: [
            { text: '10.0.0.1\n', nodes: ['n1'] },
            { text: null, nodes: ['n2'] },
          ],
        },
      ],
    },
    {
      name: 'line endings count (by text)',
      nodes: { n1: node({ 'queue.conf': 'Z 1\n' }), n2: node({ 'queue.conf': 'Z 1\r\n' }) },
      want: [
        {
          file: 'queue.conf',
          versions: [
            { text: 'Z 1\n', nodes: ['n1'] },
            { text: 'Z 1\r\n', nodes: ['n2'] },
          ],
        },
      ],
    },
  ])('$name', ({ nodes, want }) => expect(configDrift(new Map(Object.entries(nodes)))).toEqual(want));
});
