import { describe, expect, it } from 'vitest';
import {
  migrateArgs,
  MosixArgumentError,
  moskillallArgs,
  mosqArgs,
  type MigrateAction,
  type MigrateTarget,
} from '../../../../../../agent/src/engines/mosix/parse';

describe('migrateArgs', () => {
  const ok: { name: string; target: MigrateTarget; action: MigrateAction; want: string[] }[] = [
    { name: 'a process to a host', target: { pid: 24078 }, action: { to: 'cmos-18' }, want: ['24078', 'cmos-18'] },
    {
      name: 'a process to a full host name',
      target: { pid: 1 },
      action: { to: 'mos3.cs.huji.ac.il' },
      want: ['1', 'mos3.cs.huji.ac.il'],
    },
    { name: 'a process to an IPv4 address', target: { pid: 2 }, action: { to: '10.0.0.7' }, want: ['2', '10.0.0.7'] },
    { name: 'a process to a node number', target: { pid: 3 }, action: { to: '12' }, want: ['3', '12'] },
    { name: 'a job to a node', target: { jobId: 5 }, action: { to: 'mos2' }, want: ['-j5', 'mos2'] },
    { name: 'job 0 (the default job)', target: { jobId: 0 }, action: 'freeze', want: ['-j0', 'freeze'] },
    ...(['home', 'out', 'freeze', 'continue', 'checkpoint', 'chkstop', 'chkexit'] as const).map((action) => ({
      name: `the ${action} action`,
      target: { pid: 4101 },
      action,
      want: ['4101', action],
    })),
  ];
  it.each(ok)('builds $name', ({ target, action, want }) => expect(migrateArgs(target, action)).toEqual(want));

  const bad: { name: string; target: unknown; action: unknown; message: RegExp }[] = [
    { name: 'PID 0', target: { pid: 0 }, action: 'home', message: /The PID 0 is not valid/ },
    { name: 'a negative PID', target: { pid: -1 }, action: 'home', message: /The PID -1/ },
    { name: 'a fractional PID', target: { pid: 1.5 }, action: 'home', message: /The PID 1.5/ },
    { name: 'a PID as a string', target: { pid: '12' }, action: 'home', message: /The PID "12"/ },
    { name: 'a PID past Linux limits', target: { pid: 2 ** 23 }, action: 'home', message: /from 1 to 4194304/ },
    { name: 'a negative Job ID', target: { jobId: -3 }, action: 'home', message: /The Job ID -3/ },
    { name: 'both a pid and a job', target: { pid: 1, jobId: 1 }, action: 'home', message: /either a pid or a jobId/ },
    { name: 'neither', target: {}, action: 'home', message: /either a pid or a jobId/ },
    { name: 'no target object', target: null, action: 'home', message: /The target null/ },
    {
      name: 'an unknown action',
      target: { pid: 1 },
      action: 'kill',
      message: /The migrate action "kill".*one of home, out/,
    },
    { name: 'an option as action', target: { pid: 1 }, action: '-h', message: /The migrate action "-h"/ },
    {
      name: 'a node that is an option',
      target: { pid: 1 },
      action: { to: '-r' },
      message: /The node "-r" is not valid/,
    },
    { name: 'a node with a space', target: { pid: 1 }, action: { to: 'a b' }, message: /The node "a b"/ },
    { name: 'a node with shell text', target: { pid: 1 }, action: { to: 'a;rm' }, message: /The node "a;rm"/ },
    { name: 'an empty node', target: { pid: 1 }, action: { to: '' }, message: /The node ""/ },
    { name: 'node number 0', target: { pid: 1 }, action: { to: '0' }, message: /without leading zeros/ },
    {
      name: 'a node number with a leading zero',
      target: { pid: 1 },
      action: { to: '010' },
      message: /without leading zeros/,
    },
    { name: 'a node number past 65535', target: { pid: 1 }, action: { to: '65536' }, message: /The node number 65536/ },
    { name: 'a bad IPv4 address', target: { pid: 1 }, action: { to: '10.0.0.300' }, message: /an IPv4 address/ },
    { name: 'an IPv6 address', target: { pid: 1 }, action: { to: 'fe80::1' }, message: /The node "fe80::1"/ },
    {
      name: 'a node named like an action',
      target: { pid: 1 },
      action: { to: 'home' },
      message: /read by migrate as an action/,
    },
    {
      name: 'the tutorial spelling as a node',
      target: { pid: 1 },
      action: { to: 'checkstop' },
      message: /as an action/,
    },
    { name: 'a node that is not text', target: { pid: 1 }, action: { to: 7 }, message: /The node 7/ },
  ];
  it.each(bad)('refuses $name', ({ target, action, message }) => {
    const call = () => migrateArgs(target as MigrateTarget, action as MigrateAction);
    expect(call).toThrow(MosixArgumentError);
    expect(call).toThrow(message);
  });
});

describe('mosqArgs', () => {
  it.each([
    { name: 'list', args: mosqArgs('list'), want: ['list'] },
    { name: 'listall', args: mosqArgs('listall', {}), want: ['listall'] },
    { name: 'list -j', args: mosqArgs('list', { jobIds: true }), want: ['-j', 'list'] },
    { name: 'listall -j', args: mosqArgs('listall', { jobIds: true }), want: ['-j', 'listall'] },
    { name: 'listall without -j', args: mosqArgs('listall', { jobIds: false }), want: ['listall'] },
    { name: 'delete', args: mosqArgs('delete', { pid: 21667 }), want: ['delete', '21667'] },
    { name: 'run', args: mosqArgs('run', { pid: 5 }), want: ['run', '5'] },
    { name: 'advance', args: mosqArgs('advance', { pid: 6 }), want: ['advance', '6'] },
    { name: 'retard', args: mosqArgs('retard', { pid: 7 }), want: ['retard', '7'] },
    {
      name: 'cngpri (the seed: cngpri 20 21155)',
      args: mosqArgs('cngpri', { pid: 21155, priority: 20 }),
      want: ['cngpri', '20', '21155'],
    },
    { name: 'cngpri to 0', args: mosqArgs('cngpri', { pid: 1, priority: 0 }), want: ['cngpri', '0', '1'] },
  ])('builds $name', ({ args, want }) => expect(args).toEqual(want));

  const loose = mosqArgs as (op: unknown, params?: unknown) => string[];
  it.each([
    { name: 'an unknown operation', op: 'purge', params: {}, message: /The mosq operation "purge"/ },
    { name: 'an option as operation', op: '-h', params: {}, message: /The mosq operation "-h"/ },
    { name: 'delete without a pid', op: 'delete', params: {}, message: /The PID undefined/ },
    { name: 'delete without parameters', op: 'delete', params: undefined, message: /The PID undefined/ },
    { name: 'run with PID 0', op: 'run', params: { pid: 0 }, message: /The PID 0/ },
    {
      name: 'a priority above the ceiling',
      op: 'cngpri',
      params: { pid: 1, priority: 1001 },
      message: /priority 1001.*0 to 1000/,
    },
    { name: 'a negative priority', op: 'cngpri', params: { pid: 1, priority: -1 }, message: /priority -1/ },
    { name: 'a priority as text', op: 'cngpri', params: { pid: 1, priority: '-5' }, message: /priority "-5"/ },
    { name: 'jobIds not a boolean', op: 'list', params: { jobIds: 'yes' }, message: /jobIds must be true or false/ },
    { name: 'parameters that are not an object', op: 'run', params: 5, message: /parameters 5 is not valid/ },
  ])('refuses $name', ({ op, params, message }) => {
    expect(() => loose(op, params)).toThrow(MosixArgumentError);
    expect(() => loose(op, params)).toThrow(message);
  });
});

describe('moskillallArgs', () => {
  it.each([
    { name: 'a signal number', signal: 9, jobId: undefined, want: ['-9'] },
    { name: 'a signal name', signal: 'SIGTERM', jobId: undefined, want: ['-15'] },
    { name: 'a short name', signal: 'KILL', jobId: 4, want: ['-9', '-J4'] },
    { name: 'a lower-case name', signal: 'sigcont', jobId: 0, want: ['-18', '-J0'] },
    { name: 'SIGSTOP', signal: 'SIGSTOP', jobId: undefined, want: ['-19'] },
    { name: 'a real-time signal number', signal: 64, jobId: 1, want: ['-64', '-J1'] },
  ])('builds $name', ({ signal, jobId, want }) => expect(moskillallArgs(signal, jobId)).toEqual(want));

  it.each([
    { name: 'signal 0', signal: 0, jobId: undefined, message: /The signal 0/ },
    { name: 'signal 65', signal: 65, jobId: undefined, message: /The signal 65/ },
    { name: 'an unknown name', signal: 'SIGFOO', jobId: undefined, message: /The signal "SIGFOO"/ },
    { name: 'a name that is an option', signal: '-9', jobId: undefined, message: /The signal "-9"/ },
    { name: 'a name from the prototype', signal: 'constructor', jobId: undefined, message: /The signal "constructor"/ },
    { name: 'a negative Job ID', signal: 9, jobId: -1, message: /The Job ID -1/ },
    { name: 'a Job ID as text', signal: 9, jobId: '1' as unknown as number, message: /The Job ID "1"/ },
  ])('refuses $name', ({ signal, jobId, message }) => {
    expect(() => moskillallArgs(signal, jobId)).toThrow(MosixArgumentError);
    expect(() => moskillallArgs(signal, jobId)).toThrow(message);
  });
});

describe('argument types', () => {
  it('rejects wrong shapes at compile time', () => {
    // @ts-expect-error cngpri needs a priority
    expect(() => mosqArgs('cngpri', { pid: 1 })).toThrow(MosixArgumentError);
    // @ts-expect-error delete needs its parameters
    expect(() => mosqArgs('delete')).toThrow(MosixArgumentError);
    // @ts-expect-error a target is a pid or a job, not a node
    expect(() => migrateArgs({ node: 3 }, 'home')).toThrow(MosixArgumentError);
  });
});
