import { describe, expect, it } from 'vitest';
import { fromText } from '../../../../../renderer/src/features/queue/fromNode';

const NODES = [
  { id: 'n1', name: 'node1', host: '10.0.0.11', hostname: 'node1', addresses: ['10.0.0.11'] },
  { id: 'n2', name: 'gpu-2', host: 'gpu2.lab', hostname: 'gpu2', addresses: ['10.0.0.12'] },
  { id: 'n3', name: 'twin-a', addresses: ['10.0.0.13'] },
  { id: 'n4', name: 'twin-b', addresses: ['10.0.0.13'] },
];

describe('fromText', () => {
  it.each([
    ['here', 'node1', 'node1'],
    ['here', undefined, 'here'],
    ['10.0.0.12', 'node1', 'gpu-2'],
    ['gpu2', 'node1', 'gpu-2'],
    ['gpu2.lab', 'node1', 'gpu-2'],
    ['10.0.0.13', 'node1', '10.0.0.13'],
    ['10.9.9.9', 'node1', '10.9.9.9'],
  ])('%s read on %s -> %s', (from, source, want) => {
    expect(fromText(from, source, NODES).text).toBe(want);
  });
  it('keeps what mosq printed in the title', () => {
    expect(fromText('10.0.0.12', 'node1', NODES).title).toContain('10.0.0.12');
    expect(fromText('here', 'node1', NODES).title).toMatch(/^here/);
  });
});
