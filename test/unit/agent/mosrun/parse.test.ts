import { describe, expect, it } from 'vitest';
import { MosrunParseError } from '../../../../agent/src/mosrun/errors';
import type { MosrunOptions } from '../../../../agent/src/mosrun/options';
import { parseMosrunArgs, parseMosrunLine } from '../../../../agent/src/mosrun/parse';

const prog = (program = 'prog', args: string[] = []): MosrunOptions['target'] => ({ kind: 'program', program, args });

describe('parseMosrunLine reads every option of the reference', () => {
  it.each<[string, Omit<MosrunOptions, 'target'>, MosrunOptions['target']?]>([
    ['mosrun prog', {}],
    ['mosrun -rmos1 prog', { placement: { kind: 'host', host: 'mos1' } }],
    ['mosrun -r mos1 prog', { placement: { kind: 'host', host: 'mos1' } }],
    ['mosrun -10.0.0.5 prog', { placement: { kind: 'ip', ip: '10.0.0.5' } }],
    ['mosrun -3 prog', { placement: { kind: 'node', node: 3 } }],
    ['mosrun -h -L prog', { placement: { kind: 'home' }, migration: 'locked' }],
    ['mosrun -b -l prog', { placement: { kind: 'best' }, migration: 'free' }],
    [
      'mosrun -j1-4,7-9 prog',
      {
        placement: {
          kind: 'random',
          ranges: [
            { from: 1, to: 4 },
            { from: 7, to: 9 },
          ],
        },
      },
    ],
    ['mosrun -G prog', { gridClass: 1 }],
    ['mosrun -G0 prog', { gridClass: 0 }],
    ['mosrun -G3 -F prog', { gridClass: 3, anywhere: true }],
    ['mosrun -D01:12:30 prog', { due: { days: 1, hours: 12, minutes: 30 } }],
    ['mosrun -A30 -N10 -C/tmp/ck prog', { checkpointEveryMinutes: 30, checkpointMax: 10, checkpointBase: '/tmp/ck' }],
    ['mosrun -q prog', { queue: { letter: 'q' } }],
    ['mosrun -q60 prog', { queue: { letter: 'q', priority: 60 } }],
    ['mosrun -Q -P4 prog', { queue: { letter: 'Q' }, parallel: 4 }],
    ['mosrun -J20 -m1000 prog', { jobId: 20, memoryMb: 1000 }],
    ['mosrun -J 20 -m 1000 prog', { jobId: 20, memoryMb: 1000 }],
    ['mosrun -d5000 -c -n -z prog', { decay: 5000, noIoHoming: true, flagN: true, flagZ: true }],
    ['mosrun -d 0 prog', { decay: 0 }],
    ['mosrun -e -t prog', { unsupported: 'fail', timeOfDay: 'local' }],
    ['mosrun -u -T prog', { unsupported: 'kill', timeOfDay: 'home' }],
    ['mosrun -w prog', { unsupported: 'warn' }],
    ['mosrun -E prog', { batch: { kind: 'native' } }],
    ['mosrun -E/tmp -i prog', { batch: { kind: 'native', cwd: '/tmp' }, exclusiveStdin: true }],
    ['mosrun -M/scratch/me -b prog', { batch: { kind: 'mosix', cwd: '/scratch/me' }, placement: { kind: 'best' } }],
    ['mosrun -X/tmp -X/var/tmp prog', { privateDirs: ['/tmp', '/var/tmp'] }],
    ['mosrun -q -b -m1000 prog', { queue: { letter: 'q' }, placement: { kind: 'best' }, memoryMb: 1000 }],
    [
      'mosrun -q60 -G -b -J1 prog',
      { queue: { letter: 'q', priority: 60 }, gridClass: 1, placement: { kind: 'best' }, jobId: 1 },
    ],
    ['mosrun -q30 -E -m500 prog', { queue: { letter: 'q', priority: 30 }, batch: { kind: 'native' }, memoryMb: 500 }],
    ['/usr/bin/mosrun -b prog a b', { placement: { kind: 'best' } }, prog('prog', ['a', 'b'])],
    [
      'mosrun -b ./sim -x \'two words\' "q\\"uote"',
      { placement: { kind: 'best' } },
      prog('./sim', ['-x', 'two words', 'q"uote']),
    ],
    ['mosrun -J5 -- prog -m', { jobId: 5 }, prog('prog', ['-m'])],
    ['mosrun -S4 cmds', {}, { kind: 'commands', maxJobs: 4, commandsFile: 'cmds' }],
    [
      'mosrun -S2 -b -m100 cmds,failed',
      { placement: { kind: 'best' }, memoryMb: 100 },
      { kind: 'commands', maxJobs: 2, commandsFile: 'cmds', failedFile: 'failed' },
    ],
    [
      'mosrun -R/ck/run.3 -O3=/new,4=/other -b',
      { placement: { kind: 'best' } },
      {
        kind: 'recover',
        checkpoint: '/ck/run.3',
        remaps: [
          { fd: 3, file: '/new' },
          { fd: 4, file: '/other' },
        ],
      },
    ],
    ['mosrun -I/ck/run.3', {}, { kind: 'list', checkpoint: '/ck/run.3' }],
  ])('%s', (line, options, target = prog()) => {
    expect(parseMosrunLine(line)).toEqual({ ...options, target });
  });
});

describe('parseMosrunLine names the option that is wrong', () => {
  it.each([
    ['mosrun', null, /No program/],
    ['', null, /empty/],
    ['sbatch prog', null, /starts with mosrun/],
    ['mosrun -k prog', '-k', /no option -k/],
    ['mosrun -m prog', '-m prog', /memory must be a whole number/i],
    ['mosrun -m', '-m', /needs a value/],
    ['mosrun -mlots prog', '-mlots', /memory must be a whole number.*"lots"/i],
    ['mosrun -m0 prog', '-m0', /from 1/],
    ['mosrun -q1001 prog', '-q1001', /0 to 1000/],
    ['mosrun -J-1 prog', '-J-1', /Job ID/],
    ['mosrun -d10001 prog', '-d10001', /0 to 10000/],
    ['mosrun -j4-1 prog', '-j4-1', /backwards/],
    ['mosrun -j1-4, prog', '-j1-4,', /not a range/],
    ['mosrun -300.1.1.1 prog', '-300.1.1.1', /not an IPv4/],
    ['mosrun -0 prog', '-0', /node number/i],
    ['mosrun -D1:25:00 prog', '-D1:25:00', /hours 0-23/],
    ['mosrun -E tmp prog', null, null],
    ['mosrun -Etmp prog', '-Etmp', /absolute path/],
    ['mosrun -X tmp prog', '-X tmp', /absolute path/],
    ['mosrun -b -h prog', '-h', /both say where it starts/],
    ['mosrun -3 -rmos1 prog', '-rmos1', /both say where it starts/],
    ['mosrun -L -l prog', '-l', /whether it migrates/],
    ['mosrun -E -M prog', '-M', /kind of batch job/],
    ['mosrun -J1 -J2 prog', '-J2', /given twice/],
    ['mosrun -Lx prog', '-Lx', /takes no value/],
    ['mosrun -O3=/x prog', '-O', /no -R/],
    ['mosrun -S4 a b', '-S', /one word/],
    ['mosrun -S0 cmds', '-S0', /maxjobs/],
    ['mosrun -S4 a,b,c', '-S', /more than one comma/],
    ['mosrun -I/ck prog', '-I', /takes no program/],
    ['mosrun prog | tee out', null, /shell syntax/],
    ['mosrun prog > out', null, /shell syntax/],
    ['mosrun prog $HOME', null, /shell syntax/],
    ["mosrun prog 'open", null, /not closed/],
    ['mosrun -- -prog', '-prog', /starts with "-"/],
  ] as [string, string | null, RegExp | null][])('%s', (line, option, message) => {
    if (message === null) {
      // A separate word after an optional value is the program, not the value.
      expect(parseMosrunLine(line)).toMatchObject({ batch: { kind: 'native' }, target: prog('tmp', ['prog']) });
      return;
    }
    let caught: unknown;
    try {
      parseMosrunLine(line);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MosrunParseError);
    expect((caught as MosrunParseError).option).toBe(option);
    expect((caught as MosrunParseError).message).toMatch(message);
  });
});

describe('parseMosrunArgs', () => {
  it('stops at the first word that is not an option', () => {
    expect(parseMosrunArgs(['-b', 'prog', '-m100'])).toEqual({
      placement: { kind: 'best' },
      target: prog('prog', ['-m100']),
    });
  });
});
