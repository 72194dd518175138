import { describe, expect, it } from 'vitest';
import { mergeTables } from '../../../../../agent/src/engines/mosix/processes';
import { parseMosps } from '../../../../../agent/src/engines/mosix/parse';
import type { ProcRow } from '../../../../../agent/src/protocol/procTypes';

const procRow = (pid: number, more: Partial<ProcRow> = {}): ProcRow => ({
  pid,
  ppid: 1,
  user: 'lior',
  uid: 1000,
  state: 'R',
  cpuPercent: 99,
  cpuTimeMs: 1000,
  rssBytes: 4096,
  tty: 'pts/1',
  startedAt: 5000,
  command: 'testload',
  where: 'here',
  from: 'here',
  class: 'native',
  frz: '-',
  freeze: null,
  dueAt: null,
  nmigs: null,
  origPid: null,
  jobId: null,
  runId: null,
  ...more,
});

// The tutorial's `mosps -AMn` example, with the PIDs /proc has.
const MOSPS = `PID   WHERE    FROM  CLASS FRZ NMIGS TTY   CMD
24078 cmos-18  here  local  -   1    pts/1 mosrun -b testload
24081 here     here  local  -   0    pts/1 mosrun -b testload
30145 queue    here  N/A   N/A N/A   pts/1 mosqueue -b testload
30115 here     here  local  M   0    pts/1 mosrun testload
30253 here     mos3  local N/A N/A   ?     /sbin/remote
`;

describe('mergeTables: /proc rows with mosps columns over them', () => {
  const merged = mergeTables(
    [procRow(1), procRow(24078), procRow(24081), procRow(30115, { state: 'T' }), procRow(30253), procRow(999)],
    parseMosps(MOSPS).rows,
    7000,
  );
  const byPid = new Map(merged.map((r) => [r.pid, r]));

  it.each<[string, number, Partial<ProcRow>]>([
    [
      'a process that migrated away: WHERE and NMIGS from mosps',
      24078,
      { where: 'cmos-18', from: 'here', class: 'local', nmigs: 1 },
    ],
    ['a local MOSIX process at home', 24081, { where: 'here', class: 'local', nmigs: 0, frz: '-' }],
    ['a frozen one: FRZ M, state from /proc', 30115, { frz: 'M', state: 'T' }],
    ['a guest: FROM its home, FRZ N/A', 30253, { where: 'here', from: 'mos3', frz: 'N/A', nmigs: null }],
    ['a native process mosps does not list: as /proc has it', 999, { where: 'here', class: 'native', nmigs: null }],
    ["ps columns stay /proc's", 24078, { cpuPercent: 99, rssBytes: 4096, startedAt: 5000 }],
  ])('%s', (_name, pid, want) => {
    expect(byPid.get(pid)).toMatchObject(want);
  });

  it('keeps a queued job mosps lists without a process, as WHERE queue', () => {
    expect(byPid.get(30145)).toMatchObject({
      where: 'queue',
      frz: 'N/A',
      command: 'mosqueue -b testload',
      startedAt: 7000,
    });
  });

  it('drops no /proc row and adds only the queued one', () => {
    expect(merged.map((r) => r.pid).sort((a, b) => a - b)).toEqual([1, 999, 24078, 24081, 30115, 30145, 30253]);
  });
});
