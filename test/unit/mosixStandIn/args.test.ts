import { describe, expect, it } from 'vitest';
import { migrateArgs, moskillallArgs, mosqArgs } from '../../../agent/src/engines/mosix/parse';
import { DEFAULT_PRIORITY, dueMinutes, type MosrunOptions, parseMosrunArgs } from '../../mosixStandIn/mosrunArgs';
import {
  endsProcess,
  parseMigrateArgs,
  parseMoskillallArgs,
  parseMosqArgs,
  parseTestloadArgs,
  signalOf,
} from '../../mosixStandIn/toolArgs';

const none: Omit<MosrunOptions, 'programIndex'> = {
  jobId: 0,
  queuePriority: null,
  memMb: null,
  cls: 0,
  batch: null,
  placement: null,
  dueMinutes: null,
};

describe('mosrun options', () => {
  const ok: [string[], Partial<MosrunOptions>][] = [
    [['testload'], { programIndex: 0 }],
    [['-J7', 'testload', '-t', '5'], { jobId: 7, programIndex: 1 }],
    [['-J', '7', 'testload'], { jobId: 7, programIndex: 2 }],
    [['-q', 'prog'], { queuePriority: DEFAULT_PRIORITY, programIndex: 1 }],
    [
      ['-q60', '-G', '-b', '-J1', 'prog'],
      { queuePriority: 60, cls: 1, placement: { kind: 'best' }, jobId: 1, programIndex: 4 },
    ],
    [['-q30', '-E', '-m500', 'prog'], { queuePriority: 30, batch: 'E', memMb: 500, programIndex: 3 }],
    [['-M/tmp', '-G3', 'prog'], { batch: 'M', cls: 3, programIndex: 2 }],
    [['-rnode2', 'prog'], { placement: { kind: 'node', node: 'node2' }, programIndex: 1 }],
    [['-3', 'prog'], { placement: { kind: 'node', node: '3' }, programIndex: 1 }],
    [['-10.0.0.2', 'prog'], { placement: { kind: 'node', node: '10.0.0.2' }, programIndex: 1 }],
    [['-h', '-L', 'prog'], { placement: { kind: 'home' }, programIndex: 2 }],
    [['-j1-3,5-6', 'prog'], { placement: { kind: 'ranges', ranges: '1-3,5-6' }, programIndex: 1 }],
    [['-D1:02:03', '-A10', '-N3', '-Cbase', 'prog'], { dueMinutes: 1563, programIndex: 4 }],
    [['-c', '--', '-weird-program'], { programIndex: 2 }],
    [['-J7'], { jobId: 7, programIndex: 1 }],
  ];
  for (const [argv, want] of ok)
    it(`reads ${argv.join(' ')}`, () => expect(parseMosrunArgs(argv)).toEqual({ ...none, ...want }));

  const bad: [string[], RegExp][] = [
    [['-Jx', 'p'], /-J "x" is not a whole number/],
    [['-J'], /-J needs a value/],
    [['-Z', 'p'], /unknown option -Z/],
    [['-S4', 'file'], /does not do -S/],
    [['-R/tmp/ckpt.1'], /does not do -R/],
    [['-Efoo', 'p'], /-E takes \/cwd/],
    [['-bx', 'p'], /-b takes no value/],
    [['-d20000', 'p'], /-d "20000"/],
    [['-j1', 'p'], /-j "1" is not ranges/],
  ];
  for (const [argv, why] of bad)
    it(`refuses ${argv.join(' ')}`, () => expect(() => parseMosrunArgs(argv)).toThrow(why));

  it('reads -D as days, hours and minutes', () => {
    expect([dueMinutes('5'), dueMinutes('2:05'), dueMinutes('1:00:00')]).toEqual([5, 125, 1440]);
  });
});

describe('migrate, moskillall and mosq arguments', () => {
  it('reads every argv the agent builds for migrate, meaning the same', () => {
    const words = ['home', 'out', 'freeze', 'continue', 'checkpoint', 'chkstop', 'chkexit'] as const;
    for (const word of words) {
      expect(parseMigrateArgs(migrateArgs({ pid: 42 }, word))).toEqual({ target: { pid: 42 }, action: { kind: word } });
      expect(parseMigrateArgs(migrateArgs({ jobId: 3 }, word)).target).toEqual({ jobId: 3 });
    }
    for (const node of ['2', '10.0.0.2', 'node2'])
      expect(parseMigrateArgs(migrateArgs({ pid: 42 }, { to: node })).action).toEqual({ kind: 'to', node });
  });

  it("takes the tutorials' spellings too", () => {
    expect(parseMigrateArgs(['-J1', 'freeze'])).toEqual({ target: { jobId: 1 }, action: { kind: 'freeze' } });
    expect(parseMigrateArgs(['5', 'checkstop']).action).toEqual({ kind: 'chkstop' });
    expect(parseMigrateArgs(['5', 'exit']).action).toEqual({ kind: 'chkexit' });
  });

  it('refuses what migrate would not take', () => {
    expect(() => parseMigrateArgs(['5'])).toThrow(/usage/);
    expect(() => parseMigrateArgs(['0', 'home'])).toThrow(/PID "0"/);
    expect(() => parseMigrateArgs(['-jx', 'home'])).toThrow(/Job ID/);
    expect(() => parseMigrateArgs(['5', '-2'])).toThrow(/not a node or an action/);
  });

  it("reads the agent's moskillall argv, and signals by name", () => {
    expect(parseMoskillallArgs(moskillallArgs('SIGKILL', 7))).toEqual({ signal: 9, jobId: 7 });
    expect(parseMoskillallArgs(moskillallArgs(15))).toEqual({ signal: 15, jobId: null });
    expect(parseMoskillallArgs([])).toEqual({ signal: 15, jobId: null });
    expect(parseMoskillallArgs(['-TERM', '-J2'])).toEqual({ signal: 15, jobId: 2 });
    expect(() => parseMoskillallArgs(['-NOPE'])).toThrow(/neither/);
    expect([signalOf('usr1'), signalOf('SIGSTOP'), signalOf('65'), signalOf('x')]).toEqual([
      10,
      19,
      undefined,
      undefined,
    ]);
  });

  it('knows which signals end a process by default', () => {
    expect([9, 15, 1, 10].map(endsProcess)).toEqual([true, true, true, true]);
    expect([18, 19, 17, 28].map(endsProcess)).toEqual([false, false, false, false]);
  });

  it('reads every argv the agent builds for mosq', () => {
    expect(parseMosqArgs(mosqArgs('listall', { jobIds: true }))).toEqual({ op: 'listall', jobIds: true });
    expect(parseMosqArgs(mosqArgs('list'))).toEqual({ op: 'list', jobIds: false });
    for (const op of ['delete', 'run', 'advance', 'retard'] as const)
      expect(parseMosqArgs(mosqArgs(op, { pid: 9 }))).toEqual({ op, pid: 9 });
    expect(parseMosqArgs(mosqArgs('cngpri', { pid: 9, priority: 20 }))).toEqual({ op: 'cngpri', pid: 9, priority: 20 });
    expect(() => parseMosqArgs(['-j', 'run', '9'])).toThrow(/-j goes with list/);
    expect(() => parseMosqArgs(['cngpri', '9'])).toThrow(/usage/);
  });

  it('reads testload options, long ones with one dash or two', () => {
    expect(parseTestloadArgs([])).toEqual({ seconds: 1800, memMb: 0 });
    expect(parseTestloadArgs(['-t', '0', '--mem', '2'])).toEqual({ seconds: 0, memMb: 2 });
    expect(parseTestloadArgs(['-time', '5'])).toEqual({ seconds: 5, memMb: 0 });
    expect(() => parseTestloadArgs(['-t'])).toThrow(/expected/);
    expect(() => parseTestloadArgs(['--cpu', '1'])).toThrow(/takes -t SEC and -m MB/);
  });
});
