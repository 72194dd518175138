import { describe, expect, it } from 'vitest';
import type { ProcAction as TaskAction } from '../../../../../electron/hub/tasks/observe';
import {
  isObservable,
  judge,
  type ObserveContext,
  placementOf,
  type SeenRow,
  stayedPut,
  timedOutText,
  unobservedText,
} from '../../../../../electron/hub/tasks/observe';

const row = (more: Partial<SeenRow> = {}): SeenRow => ({
  pid: 4711,
  user: 'alice',
  state: 'S',
  frz: '-',
  where: 'here',
  startedAt: 1000,
  freeze: null,
  ...more,
});

const ctx: ObserveContext = { nodeName: 'node1', targetText: 'process 4711' };
const toNode3: ObserveContext = { ...ctx, targetName: 'node3', targetNames: ['n3', 'node3', '10.0.0.3'] };

const FREEZE: TaskAction = { kind: 'freeze' };
const CONTINUE: TaskAction = { kind: 'continue' };
const sig = (signal: 'TERM' | 'KILL' | 'HUP' | 'INT' | 'STOP' | 'CONT' | 'USR1'): TaskAction => ({
  kind: 'signal',
  signal,
});
const MIGRATE: TaskAction = { kind: 'migrate', to: 'n3' };
const HOME: TaskAction = { kind: 'home' };

describe('judge: what the rows of a target say about an action', () => {
  it.each([
    // freeze: FRZ set and stopped, or frozen by the cgroup freezer (which need not show T)
    { name: 'freeze, FRZ M and T', action: FREEZE, rows: [row({ frz: 'M', state: 'T' })], want: 'done' },
    { name: 'freeze, FRZ M but still S', action: FREEZE, rows: [row({ frz: 'M' })], want: 'waiting' },
    { name: 'freeze, T but FRZ -', action: FREEZE, rows: [row({ state: 'T' })], want: 'waiting' },
    { name: 'freeze, FRZ N/A and T', action: FREEZE, rows: [row({ frz: 'N/A', state: 'T' })], want: 'waiting' },
    {
      name: 'freeze, cgroup-frozen row',
      action: FREEZE,
      rows: [row({ frz: 'M', freeze: { method: 'cgroup' } })],
      want: 'done',
    },
    {
      name: 'freeze, agent said cgroup',
      action: FREEZE,
      rows: [row({ frz: 'M' })],
      ctx: { ...ctx, method: 'cgroup' },
      want: 'done',
    },
    {
      name: 'freeze, cgroup but FRZ -',
      action: FREEZE,
      rows: [row()],
      ctx: { ...ctx, method: 'cgroup' },
      want: 'waiting',
    },
    { name: 'freeze, tracing stop t', action: FREEZE, rows: [row({ frz: 'A', state: 't' })], want: 'done' },
    { name: 'freeze, gone', action: FREEZE, rows: [], want: 'gone' },
    { name: 'freeze, a zombie', action: FREEZE, rows: [row({ state: 'Z' })], want: 'gone' },
    {
      name: 'freeze, job half frozen',
      action: FREEZE,
      rows: [row({ frz: 'M', state: 'T' }), row({ pid: 2 })],
      want: 'waiting',
    },
    {
      name: 'freeze, job all frozen',
      action: FREEZE,
      rows: [row({ frz: 'M', state: 'T' }), row({ pid: 2, frz: 'M', state: 'T' })],
      want: 'done',
    },
    // continue: FRZ '-' and not stopped
    { name: 'continue, FRZ - and S', action: CONTINUE, rows: [row()], want: 'done' },
    { name: 'continue, FRZ - and R', action: CONTINUE, rows: [row({ state: 'R' })], want: 'done' },
    { name: 'continue, FRZ - but T', action: CONTINUE, rows: [row({ state: 'T' })], want: 'waiting' },
    { name: 'continue, S but FRZ M', action: CONTINUE, rows: [row({ frz: 'M' })], want: 'waiting' },
    { name: 'continue, gone', action: CONTINUE, rows: [], want: 'gone' },
    // KILL, TERM, INT, HUP: gone (zombies count as gone)
    { name: 'KILL, gone', action: sig('KILL'), rows: [], want: 'done' },
    { name: 'KILL, a zombie', action: sig('KILL'), rows: [row({ state: 'Z' })], want: 'done' },
    { name: 'KILL, still there', action: sig('KILL'), rows: [row({ state: 'D' })], want: 'waiting' },
    { name: 'TERM, still there', action: sig('TERM'), rows: [row()], want: 'waiting' },
    { name: 'INT, gone', action: sig('INT'), rows: [], want: 'done' },
    {
      name: 'HUP, one of a job left',
      action: sig('HUP'),
      rows: [row({ state: 'X' }), row({ pid: 2 })],
      want: 'waiting',
    },
    // STOP and CONT: the kernel's state
    { name: 'STOP, T', action: sig('STOP'), rows: [row({ state: 'T' })], want: 'done' },
    { name: 'STOP, S', action: sig('STOP'), rows: [row()], want: 'waiting' },
    { name: 'CONT, S', action: sig('CONT'), rows: [row()], want: 'done' },
    { name: 'CONT, T', action: sig('CONT'), rows: [row({ state: 'T' })], want: 'waiting' },
    { name: 'STOP, gone', action: sig('STOP'), rows: [], want: 'gone' },
    // migrate: seen at the target, by any of its names; home: WHERE here
    { name: 'migrate, WHERE node3', action: MIGRATE, rows: [row({ where: 'node3' })], ctx: toNode3, want: 'done' },
    {
      name: 'migrate, WHERE its address',
      action: MIGRATE,
      rows: [row({ where: '10.0.0.3' })],
      ctx: toNode3,
      want: 'done',
    },
    { name: 'migrate, still here', action: MIGRATE, rows: [row()], ctx: toNode3, want: 'waiting' },
    { name: 'migrate, elsewhere', action: MIGRATE, rows: [row({ where: 'node4' })], ctx: toNode3, want: 'waiting' },
    { name: 'migrate, gone', action: MIGRATE, rows: [], ctx: toNode3, want: 'gone' },
    { name: 'home, back here', action: HOME, rows: [row()], want: 'done' },
    { name: 'home, still away', action: HOME, rows: [row({ where: 'node3' })], want: 'waiting' },
  ])('$name: $want', ({ action, rows, ctx: c, want }) => {
    expect(judge(action, rows, c ?? ctx).kind).toBe(want);
  });

  it('says what it saw, in words', () => {
    expect(judge(FREEZE, [row({ frz: 'M', state: 'T' })], ctx).text).toBe(
      'seen frozen (process 4711: FRZ M, state T, WHERE here)',
    );
    expect(judge(sig('KILL'), [], ctx).text).toBe('gone: process 4711 is no longer on node1');
    expect(judge(FREEZE, [], ctx).text).toBe('process 4711 ended before it was seen frozen');
    expect(judge(MIGRATE, [], toNode3).text).toBe('process 4711 ended before it was seen on node3');
    expect(judge(CONTINUE, [row({ state: 'T' }), row({ pid: 2, state: 'T' })], ctx).text).toBe(
      '2 processes not running again yet (process 4711: FRZ -, state T, WHERE here)',
    );
  });
});

describe('what cannot be observed', () => {
  it.each([
    { action: FREEZE, want: true },
    { action: sig('TERM'), want: true },
    { action: sig('STOP'), want: true },
    { action: sig('USR1'), want: false },
    { action: { kind: 'signal', signal: 'USR2' } as TaskAction, want: false },
    { action: { kind: 'checkpoint', then: 'exit' } as TaskAction, want: false },
    { action: MIGRATE, want: true },
  ])('$action.kind $action.signal: observable $want', ({ action, want }) => {
    expect(isObservable(action)).toBe(want);
  });

  it('says so in the outcome', () => {
    expect(unobservedText(sig('USR1'), 1)).toBe('sent; nothing to observe for SIGUSR1');
    expect(unobservedText({ kind: 'checkpoint', then: 'continue' }, 2)).toBe(
      'the agent reports the checkpoint made (2 processes)',
    );
  });
});

describe('timedOutText', () => {
  it.each([
    { action: sig('TERM'), want: 'still running 10 s after SIGTERM (1 process still there)' },
    { action: sig('KILL'), want: 'still there 10 s after SIGKILL (1 process still there)' },
    { action: FREEZE, want: 'not seen frozen within 10 s (1 process still there)' },
  ])('$want', ({ action, want }) => {
    expect(timedOutText(action, 10, '1 process still there', ctx)).toBe(want);
  });

  it('names a migration target', () => {
    expect(timedOutText(MIGRATE, 30, 'WHERE here', toNode3)).toBe('not seen on node3 within 30 s (WHERE here)');
  });
});

describe('stayedPut: a migration MOSIX took and did nothing with', () => {
  const before = placementOf([row({ where: 'here', nmigs: 0 }), row({ pid: 4712, where: 'node2', nmigs: 1 })]);
  it.each<[string, SeenRow[], boolean]>([
    [
      'every row where it was, no migration since',
      [row({ nmigs: 0 }), row({ pid: 4712, where: 'node2', nmigs: 1 })],
      true,
    ],
    ['one row moved', [row({ nmigs: 0 }), row({ pid: 4712, where: 'node3', nmigs: 2 })], false],
    ['went and came back: NMIGS counts it', [row({ nmigs: 2 }), row({ pid: 4712, where: 'node2', nmigs: 1 })], false],
    ['a row not seen at first', [row({ pid: 4799, nmigs: 0 })], false],
    ['nothing live left', [row({ state: 'Z', nmigs: 0 })], false],
  ])('%s', (_name, rows, want) => {
    expect(stayedPut(rows, before)).toBe(want);
  });
});
