import { describe, expect, it } from 'vitest';
import { buildMosrunArgs, mosrunCommandLine } from '../../../../../agent/src/mosrun/build';
import { parseMosrunLine } from '../../../../../agent/src/mosrun/parse';
import { emptyForm, formToOptions, type RunForm } from '../../../../../renderer/src/features/jobs/run/runForm';
import { formFromLine } from '../../../../../renderer/src/features/jobs/run/pastedLine';

const form = (over: Partial<RunForm>): RunForm => ({ ...emptyForm('/home/alice'), program: 'sim', ...over });
const line = (over: Partial<RunForm>) => {
  const { options, problems } = formToOptions(form(over));
  if (!options) throw new Error(JSON.stringify(problems));
  return mosrunCommandLine(options);
};

describe('formToOptions: the form as typed, as a mosrun line', () => {
  it.each<[string, Partial<RunForm>, string]>([
    ['best node by default', {}, 'mosrun -b sim'],
    [
      'arguments are words, quoted where a shell would split them',
      { args: ['-n', '10', 'a b'] },
      "mosrun -b sim -n 10 'a b'",
    ],
    ['a host', { where: 'host', host: 'mos1' }, 'mosrun -rmos1 sim'],
    ['a node number', { where: 'node', node: '3' }, 'mosrun -3 sim'],
    ['an IP', { where: 'ip', ip: '10.0.0.5' }, 'mosrun -10.0.0.5 sim'],
    ['home', { where: 'home' }, 'mosrun -h sim'],
    ['random ranges', { where: 'random', ranges: '1-4,7-9' }, 'mosrun -j1-4,7-9 sim'],
    [
      'memory, grid, job id, due',
      { memoryMb: '1000', gridClass: '2', jobId: '20', due: '01:02:03' },
      'mosrun -b -m1000 -G2 -J20 -D01:02:03 sim',
    ],
    ['batch with a directory', { batch: 'native', batchDir: '/scratch' }, 'mosrun -b -E/scratch sim'],
    ['mosix batch without one', { batch: 'mosix' }, 'mosrun -b -M sim'],
    ['queue at a priority', { queued: true, queuePriority: '60' }, 'mosrun -b -q60 sim'],
    ['queue at the default', { queued: true }, 'mosrun -b -q sim'],
    [
      'checkpoints',
      { checkpointBase: '/ck/sim', checkpointEvery: '30', checkpointMax: '5' },
      'mosrun -b -C/ck/sim -A30 -N5 sim',
    ],
    ['-e and -L', { unsupported: 'fail', locked: true }, 'mosrun -b -L -e sim'],
    ['a set', { mode: 'set', maxJobs: '2', setLines: 'a\nb', setFileName: 'cmds.txt' }, 'mosrun -b -S2 cmds.txt'],
  ])('%s', (_what, over, want) => {
    // The order of option words is the builder's; compare as sets of words plus the tail.
    expect(line(over).split(' ').sort()).toEqual(want.split(' ').sort());
  });

  it.each<[string, Partial<RunForm>, string, RegExp]>([
    ['no program', { program: '' }, 'program', /empty/],
    ['a program that looks like an option', { program: '-x' }, 'program', /starts with "-"/],
    ['a bad host', { where: 'host', host: 'bad host' }, 'host', /./],
    ['node 0', { where: 'node', node: '0' }, 'node', /from 1/],
    ['a bad IP', { where: 'ip', ip: '10.0.0.300' }, 'ip', /IPv4/],
    ['backwards ranges', { where: 'random', ranges: '4-1' }, 'ranges', /backwards/],
    ['memory in words', { memoryMb: 'lots' }, 'memoryMb', /whole number/],
    ['memory 0', { memoryMb: '0' }, 'memoryMb', /from 1/],
    ['a due with 25 hours', { due: '00:25:00' }, 'due', /hours 0-23/],
    ['a relative batch dir', { batch: 'native', batchDir: 'scratch' }, 'batchDir', /absolute/],
    ['a priority above the ceiling', { queued: true, queuePriority: '5000' }, 'queuePriority', /0 to 1000/],
    ['maxjobs 0', { mode: 'set', maxJobs: '0', setLines: 'a' }, 'maxJobs', /from 1/],
    ['a set with no lines', { mode: 'set', setLines: '  ' }, 'setLines', /no command lines/],
  ])('%s is refused on its field', (_what, over, field, message) => {
    const { options, problems } = formToOptions(form(over));
    expect(options).toBeNull();
    expect(problems[field as keyof typeof problems]).toMatch(message);
  });

  it('options it has no field for are kept and written', () => {
    const o = formToOptions(form({ rest: { noIoHoming: true, timeOfDay: 'local' } })).options!;
    expect(buildMosrunArgs(o)).toEqual(expect.arrayContaining(['-c', '-t']));
  });
});

describe('formFromLine: a pasted line fills the form', () => {
  it.each([
    'mosrun -b -m1000 -J20 sim -n 10',
    'mosrun -rmos1 -L -e sim',
    'mosrun -3 -q60 -C/ck/sim -A30 -N5 sim',
    'mosrun -j1-4,7-9 -G2 -D01:02:03 sim',
    'mosrun -h -E/scratch sim',
    'mosrun -10.0.0.5 -M sim',
    'mosrun -b -S2 cmds.txt',
    'mosrun -b -S2 cmds.txt,failed.txt',
    'mosrun -b -c -t -Q70 -P4 sim',
  ])('%s: form → line gives back the same options', (text) => {
    // A line names a commands file but does not carry its lines: those already in the form stay.
    const r = formFromLine(text, { ...emptyForm('/home/alice'), setLines: 'a\nb' });
    if ('problem' in r) throw new Error(r.problem);
    expect(formToOptions(r.form).options).toEqual(parseMosrunLine(text));
  });

  it('keeps the directory and environment already typed', () => {
    const current = { ...emptyForm('/data'), env: [{ name: 'A', value: '1' }] };
    const r = formFromLine('mosrun -b sim', current);
    expect('form' in r && r.form.cwd).toBe('/data');
    expect('form' in r && r.form.env).toEqual([{ name: 'A', value: '1' }]);
  });

  it.each([
    ['mosrun -m sim', /-m/],
    ['mosrun -x sim', /-x/],
    ['mosrun -b sim | tee out', /\|/],
    ['mosrun -Rckpt.1', /-R/],
    ['mosrun -Ickpt.1', /-I/],
  ])('%s is refused, naming the option', (text, option) => {
    const r = formFromLine(text, emptyForm('/'));
    expect('problem' in r && r.problem).toMatch(option);
  });
});
