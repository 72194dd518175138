import { describe, expect, it } from 'vitest';
import type { NodeStatus } from '../../../../../electron/api';
import { daemonRows, statusRows } from '../../../../../renderer/src/features/nodePage/statusRows';

const base: NodeStatus = {
  status: 'running',
  load: 1.5,
  loadPerCpu: 0.75,
  speed: { perCpuMhz: 2400, totalMhz: 4800, source: 'cpuinfo' },
  cpus: 2,
  frozen: 1,
  utilPercent: null,
  avail: true,
  procs: 3,
  accept: { yes: false, reason: 'blocked by mosctl block' },
  memory: { availableBytes: 2 * 2 ** 30, totalBytes: 4 * 2 ** 30 },
  swap: { freeBytes: 0, totalBytes: 0 },
  daemons: [
    { name: 'mosixd', state: 'up' },
    { name: 'mospostald', state: 'down', reason: 'says not running' },
  ],
  guests: { current: 2, max: 8 },
};
const byKey = (s: NodeStatus) => Object.fromEntries(statusRows(s).map((r) => [r.key, r]));

describe('statusRows', () => {
  it.each([
    ['accept with its reason', 'accept', 'no', 'blocked by mosctl block'],
    ['CPU use not measured yet', 'util', 'not measured yet', undefined],
    ['no swap', 'swap', 'none configured', undefined],
    ['guests with their limit', 'guests', '2 of at most 8', undefined],
  ])('%s', (_name, key, value, note) => {
    const r = byKey(base)[key];
    expect(r?.value).toBe(value);
    expect(r?.note).toBe(note);
  });

  it('has no MOSIX rows on a linux node', () => {
    expect(statusRows(base).filter((r) => r.key.startsWith('mosix'))).toEqual([]);
  });

  it('shows MOSIX speed units, lines it does not know as printed, and unread lines', () => {
    const rows = byKey({
      ...base,
      mosix: {
        speedUnits: 12500,
        other: [{ label: 'Grid status', value: 'open' }],
        problems: ['mosctl localstatus line 9: no colon'],
      },
    });
    expect(rows['mosix-speed']?.value).toBe('12500');
    expect(rows['mosix-other-0']).toMatchObject({ label: 'Grid status', value: 'open' });
    expect(rows['mosix-problems']).toMatchObject({ value: '1', note: 'mosctl localstatus line 9: no colon' });
  });

  it('says when mosctl gives no speed', () => {
    const rows = byKey({ ...base, mosix: { speedUnits: null, other: [], problems: [] } });
    expect(rows['mosix-speed']).toMatchObject({ value: 'not given', numeric: false });
    expect(rows['mosix-problems']).toBeUndefined();
  });
});

describe('daemonRows', () => {
  it('gives each daemon its state, and the reason of one that is not up', () => {
    expect(daemonRows(base).map((r) => [r.label, r.value, r.note])).toEqual([
      ['mosixd', 'running', undefined],
      ['mospostald', 'not running', 'says not running'],
    ]);
  });
});
