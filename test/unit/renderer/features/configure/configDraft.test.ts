import { describe, expect, it } from 'vitest';
import type { ConfigSnapshot } from '../../../../../agent/src/protocol/configTypes';
import {
  commonFiles,
  draftFromNodes,
  draftIssues,
  emptyDraft,
  nodeChanges,
  nodeFilesAfter,
} from '../../../../../renderer/src/features/configure/configDraft';

const files = (entries: Record<string, string>) => new Map(Object.entries(entries));
const MAP = '# the lab\n10.0.0.11 4 p\n';

function snapshot(entries: Record<string, string>): ConfigSnapshot {
  return {
    dir: '/etc/mosix',
    files: Object.entries(entries).map(([name, text]) => ({
      name,
      present: true,
      text,
      sha256: `sha-${name}`,
      mtimeMs: 1,
    })),
    write: { ok: true, via: 'root' },
    pending: [],
    backups: [],
  };
}

describe('commonFiles', () => {
  it('takes each file at the version most nodes have', () => {
    const perNode = new Map([
      ['a', files({ 'mosix.map': MAP })],
      ['b', files({ 'mosix.map': MAP, 'queue.conf': 'priority 40\n' })],
      ['c', files({ 'mosix.map': '10.0.0.11 3\n' })],
    ]);
    expect(commonFiles(perNode)).toEqual(files({ 'mosix.map': MAP, 'queue.conf': 'priority 40\n' }));
  });
});

describe('draftFromNodes', () => {
  it('reads the common configuration and keeps each node’s own mosip', () => {
    const draft = draftFromNodes(
      new Map([
        ['a', files({ 'mosix.map': MAP, mosip: '10.0.0.11\n' })],
        ['b', files({ 'mosix.map': MAP })],
      ]),
    );
    expect(draft.config.map).toMatchObject([{ host: '10.0.0.11', count: 4, proximate: true }]);
    expect(draft.config.mosip).toBeNull();
    expect(draft.mosipOf).toEqual({ a: '10.0.0.11', b: null });
  });
});

describe('nodeChanges', () => {
  it('sends only the files that differ, each with the sha256 it was read at', () => {
    const snap = snapshot({ 'mosix.map': MAP, mosip: '10.0.0.12\n' });
    const draft = draftFromNodes(new Map([['b', files({ 'mosix.map': MAP, mosip: '10.0.0.12\n' })]]));
    expect(nodeChanges(draft, 'b', snap)).toEqual([]);
    draft.config.map[0]!.count = 5;
    draft.mosipOf.b = null;
    draft.config.queue.priority = 40;
    const changes = nodeChanges(draft, 'b', snap);
    expect(changes.map((c) => [c.name, c.base])).toEqual([
      ['mosip', 'sha-mosip'],
      ['mosix.map', 'sha-mosix.map'],
      ['queue.conf', null],
    ]);
    expect(changes[0]!.text).toBeNull();
    // The comment survives: only the changed line is rewritten.
    expect(changes[1]!.text).toBe('# the lab\n10.0.0.11 5 p\n');
  });
});

describe('from scratch', () => {
  it('writes a map where there was none and names the problems as they are typed', () => {
    const draft = emptyDraft(['a']);
    draft.config.map.push({ host: '10.0.0', count: 4, proximate: false, outsider: false });
    expect(draftIssues(draft, new Map([['a', files({})]])).map((i) => i.file)).toContain('mosix.map');
    draft.config.map[0]!.host = '10.0.0.11';
    expect(draftIssues(draft, new Map([['a', files({})]])).filter((i) => i.severity === 'error')).toEqual([]);
    expect(nodeFilesAfter(draft, 'a', files({})).get('mosix.map')).toMatch(/^10\.0\.0\.11\s+4\s*\n$/);
  });

  it('says a partner name that cannot be a file name, instead of failing', () => {
    const draft = emptyDraft(['a']);
    draft.config.partners.push({
      name: '../x',
      description: 'x',
      priority: 1,
      canGo: true,
      canTake: true,
      canExpend: 1,
      ranges: [],
    });
    const issues = draftIssues(draft, new Map([['a', files({})]]));
    expect(issues).toEqual([expect.objectContaining({ file: 'partners/', severity: 'error' })]);
    expect(issues[0]!.message).toMatch(/cannot be a file name/);
  });
});
