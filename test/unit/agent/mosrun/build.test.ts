import { describe, expect, it } from 'vitest';
import { buildMosrunArgs, mosrunCommandLine, mosrunOptionWords } from '../../../../agent/src/mosrun/build';
import { MosrunBuildError } from '../../../../agent/src/mosrun/errors';
import type { MosrunOptions } from '../../../../agent/src/mosrun/options';
import { parseMosrunLine } from '../../../../agent/src/mosrun/parse';

const prog = (program = 'prog', args: string[] = []): MosrunOptions['target'] => ({ kind: 'program', program, args });

const CASES: [MosrunOptions, string][] = [
  [{ target: prog() }, 'mosrun prog'],
  [{ target: prog(), placement: { kind: 'host', host: 'mos1' } }, 'mosrun -rmos1 prog'],
  [{ target: prog(), placement: { kind: 'ip', ip: '10.0.0.5' } }, 'mosrun -10.0.0.5 prog'],
  [{ target: prog(), placement: { kind: 'node', node: 3 } }, 'mosrun -3 prog'],
  [
    {
      target: prog(),
      placement: {
        kind: 'random',
        ranges: [
          { from: 1, to: 4 },
          { from: 7, to: 9 },
        ],
      },
    },
    'mosrun -j1-4,7-9 prog',
  ],
  [{ target: prog(), placement: { kind: 'home' }, migration: 'locked' }, 'mosrun -h -L prog'],
  [
    { target: prog(), queue: { letter: 'q', priority: 60 }, gridClass: 1, placement: { kind: 'best' }, jobId: 1 },
    'mosrun -b -G -q60 -J1 prog',
  ],
  [
    { target: prog(), queue: { letter: 'q', priority: 30 }, batch: { kind: 'native' }, memoryMb: 500 },
    'mosrun -q30 -m500 -E prog',
  ],
  [
    { target: prog(), gridClass: 0, anywhere: true, migration: 'free', due: { days: 0, hours: 2, minutes: 5 } },
    'mosrun -G0 -F -l -D00:02:05 prog',
  ],
  [
    { target: prog(), checkpointEveryMinutes: 30, checkpointMax: 10, checkpointBase: '/tmp/ck' },
    'mosrun -A30 -N10 -C/tmp/ck prog',
  ],
  [{ target: prog(), queue: { letter: 'Q' }, parallel: 8 }, 'mosrun -Q -P8 prog'],
  [
    { target: prog(), decay: 0, noIoHoming: true, flagN: true, flagZ: true, unsupported: 'warn', timeOfDay: 'local' },
    'mosrun -d0 -c -n -z -w -t prog',
  ],
  [
    {
      target: prog(),
      batch: { kind: 'mosix', cwd: '/scratch/me' },
      exclusiveStdin: true,
      privateDirs: ['/tmp', '/var/tmp'],
    },
    'mosrun -M/scratch/me -i -X/tmp -X/var/tmp prog',
  ],
  [{ target: prog('./my sim', ["it's", 'a b', '$HOME']) }, "mosrun './my sim' 'it'\\''s' 'a b' '$HOME'"],
  [
    {
      target: { kind: 'commands', maxJobs: 2, commandsFile: 'cmds', failedFile: 'failed' },
      placement: { kind: 'best' },
    },
    'mosrun -S2 -b cmds,failed',
  ],
  [
    { target: { kind: 'recover', checkpoint: '/ck/r.3', remaps: [{ fd: 3, file: '/new' }] } },
    'mosrun -R/ck/r.3 -O3=/new',
  ],
  [{ target: { kind: 'list', checkpoint: '/ck/r.3' } }, 'mosrun -I/ck/r.3'],
];

describe('mosrunCommandLine', () => {
  it.each(CASES)('writes %j as %s, and reads it back the same', (options, line) => {
    expect(mosrunCommandLine(options)).toBe(line);
    expect(parseMosrunLine(line)).toEqual(options);
  });
});

describe('buildMosrunArgs', () => {
  it('gives an argv with no quoting', () => {
    expect(buildMosrunArgs({ target: prog('prog', ['a b']), memoryMb: 10 })).toEqual(['-m10', 'prog', 'a b']);
  });
  it('gives job.run only the options', () => {
    expect(mosrunOptionWords({ target: prog(), jobId: 4, placement: { kind: 'best' } })).toEqual(['-b', '-J4']);
  });
  it.each<[MosrunOptions, string]>([
    [{ target: prog(), memoryMb: 0 }, '-m'],
    [{ target: prog(), memoryMb: 1.5 }, '-m'],
    [{ target: prog(), placement: { kind: 'host', host: '-x' } }, '-r'],
    [{ target: prog(), placement: { kind: 'random', ranges: [] } }, '-j'],
    [{ target: prog(), placement: { kind: 'random', ranges: [{ from: 5, to: 2 }] } }, '-j'],
    [{ target: prog(), queue: { letter: 'q', priority: 5000 } }, '-q'],
    [{ target: prog('-x') }, 'program'],
    [{ target: prog(), batch: { kind: 'native', cwd: 'tmp' } }, '-E/-M'],
    [{ target: prog(), privateDirs: ['rel'] }, '-X'],
    [{ target: { kind: 'commands', maxJobs: 2, commandsFile: 'a,b' } }, '-S'],
  ])('refuses %j, naming %s', (options, option) => {
    let caught: unknown;
    try {
      buildMosrunArgs(options);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MosrunBuildError);
    expect((caught as MosrunBuildError).option).toBe(option);
  });
});
