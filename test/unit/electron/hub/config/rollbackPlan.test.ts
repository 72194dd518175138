import { describe, expect, it } from 'vitest';
import type { BackupContent, ConfigFileState, ConfigSnapshot } from '../../../../../agent/src/protocol/configTypes';
import { configSchemas } from '../../../../../electron/hub/api/schemas/config';
import { rollbackChanges } from '../../../../../electron/hub/config/rollbackPlan';
import { sha } from '../../../../support/fakeConfigNodes';

const file = (name: string, text?: string): ConfigFileState =>
  text === undefined ? { name, present: false } : { name, present: true, text, sha256: sha(text), mtimeMs: 1 };
const snap = (...files: ConfigFileState[]): ConfigSnapshot => ({
  dir: '/etc/mosix',
  files,
  write: { ok: true, via: 'root' },
  pending: [],
  backups: [],
});
const backup = (...files: ConfigFileState[]): BackupContent => ({ id: 'b-123456', at: 1, files });

describe('rollbackChanges', () => {
  it.each([
    {
      name: 'a changed file goes back, based on what is there now',
      b: backup(file('mosix.map', 'old\n')),
      now: snap(file('mosix.map', 'new\n')),
      want: [{ name: 'mosix.map', text: 'old\n', base: sha('new\n') }],
    },
    {
      name: 'a file the apply created is removed',
      b: backup(file('mosip')),
      now: snap(file('mosip', '10.0.0.1\n')),
      want: [{ name: 'mosip', text: null, base: sha('10.0.0.1\n') }],
    },
    {
      name: 'a file the apply removed comes back',
      b: backup(file('freeze.conf', 'x\n')),
      now: snap(file('freeze.conf')),
      want: [{ name: 'freeze.conf', text: 'x\n', base: null }],
    },
    {
      name: 'files already as they were are left out',
      b: backup(file('mosix.map', 'same\n'), file('mosip')),
      now: snap(file('mosix.map', 'same\n')),
      want: [],
    },
  ])('$name', ({ b, now, want }) => expect(rollbackChanges(b, now)).toEqual(want));
});

describe('config.apply params', () => {
  const ok = { clusterId: 'lab', nodes: [{ nodeId: 'n1', changes: [{ name: 'mosix.map', text: 'x', base: null }] }] };
  it('takes a well-formed apply', () => expect(configSchemas['config.apply'].safeParse(ok).success).toBe(true));
  it.each([
    {
      name: 'a file outside /etc/mosix',
      change: { name: '../passwd', text: 'x', base: null },
      msg: /file of \/etc\/mosix/,
    },
    { name: 'a base that is no sha256', change: { name: 'mosix.map', text: 'x', base: 'abc' }, msg: /sha256/ },
    {
      name: 'a file past 256 KiB',
      change: { name: 'mosix.map', text: 'é'.repeat(140_000), base: null },
      msg: /256 KiB/,
    },
  ])('refuses $name', ({ change, msg }) => {
    const r = configSchemas['config.apply'].safeParse({ ...ok, nodes: [{ nodeId: 'n1', changes: [change] }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(msg);
  });
  it('refuses a file named twice on one node', () => {
    const c = { name: 'mosix.map', text: 'x', base: null };
    const r = configSchemas['config.apply'].safeParse({ ...ok, nodes: [{ nodeId: 'n1', changes: [c, c] }] });
    expect(r.error?.issues[0]?.message).toBe('must name each file once');
  });
});
