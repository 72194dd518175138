import { describe, expect, it } from 'vitest';
import type { NodeProcChanges } from '../../../../../electron/api/processes';
import { applyParts, emptyTable, type ProcTable } from '../../../../../renderer/src/features/processes/applyProcBatch';
import { row } from '../../../agent/engines/linux/processes/rowFixtures';

const nameOf = (id: string) => `node${id}`;
const full = (nodeId: string, pids: number[]): NodeProcChanges => ({
  nodeId,
  full: true,
  upserted: pids.map((pid) => row({ pid })),
  removed: [],
});
const keys = (t: ProcTable) => [...t.entries.keys()].sort();

describe('applyParts', () => {
  const start = applyParts(emptyTable(), [full('1', [1, 2, 3]), full('2', [1])], nameOf);

  it('takes whole tables, keyed by node and PID, with the node name', () => {
    expect(keys(start)).toEqual(['1/1', '1/2', '1/3', '2/1']);
    expect(start.entries.get('2/1')?.nodeName).toBe('node2');
  });

  it('applies upserts and removals of one node and leaves the others', () => {
    const next = applyParts(
      start,
      [{ nodeId: '1', full: false, upserted: [row({ pid: 2, state: 'R' }), row({ pid: 9 })], removed: [3] }],
      nameOf,
    );
    expect(keys(next)).toEqual(['1/1', '1/2', '1/9', '2/1']);
    expect(next.entries.get('1/2')?.row.state).toBe('R');
    expect(keys(start)).toEqual(['1/1', '1/2', '1/3', '2/1']); // the old table is untouched
  });

  it('replaces a node’s rows with a full part (rows not in it are gone)', () => {
    expect(keys(applyParts(start, [full('1', [2, 7])], nameOf))).toEqual(['1/2', '1/7', '2/1']);
  });

  it('takes a node’s rows out when it goes down, says why, and brings them back when it is up', () => {
    const down = applyParts(
      start,
      [{ nodeId: '1', full: true, upserted: [], removed: [], down: { reason: 'stopped answering' } }],
      nameOf,
    );
    expect(keys(down)).toEqual(['2/1']);
    expect(down.down.get('1')).toBe('stopped answering');
    const back = applyParts(down, [full('1', [1])], nameOf);
    expect(keys(back)).toEqual(['1/1', '2/1']);
    expect(back.down.has('1')).toBe(false);
  });
});
