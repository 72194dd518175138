import { describe, expect, it } from 'vitest';
import type { EngineJobs } from '../../../../../agent/src/engines/engine';
import { linuxJobs } from '../../../../../agent/src/engines/linux/jobsOf';
import type { LinuxServices } from '../../../../../agent/src/engines/linux/services';
import { mosixJobs } from '../../../../../agent/src/engines/mosix/jobs';
import type { Params } from '../../../../../agent/src/protocol/methods';
import type { JobRecord } from '../../../../../agent/src/protocol/jobTypes';

function fakeLinux(): { jobs: EngineJobs; runs: Params<'job.run'>[] } {
  const runs: Params<'job.run'>[] = [];
  const jobs = {
    run: (p: Params<'job.run'>) => {
      runs.push(p);
      return Promise.resolve({ runId: 'r1' } as JobRecord);
    },
    list: () => [],
    output: () => Promise.reject(new Error('not used')),
    forget: () => ({ removed: false }),
  } satisfies EngineJobs;
  return { jobs, runs };
}
const base = { argv: ['./sim', '--steps', '10'], cwd: '/home/alice' };

describe('mosixJobs', () => {
  it('starts the job through mosrun with its options before the program', async () => {
    const { jobs, runs } = fakeLinux();
    await mosixJobs(jobs, { mosrun: '/usr/bin/mosrun' }).run({ ...base, mosrun: ['-b', '-m500', '-J7'] });
    expect(runs).toEqual([{ ...base, argv: ['/usr/bin/mosrun', '-b', '-m500', '-J7', './sim', '--steps', '10'] }]);
  });

  it('runs the program itself when no mosrun option is given', async () => {
    const { jobs, runs } = fakeLinux();
    await mosixJobs(jobs, { mosrun: '/usr/bin/mosrun' }).run({ ...base, mosrun: [] });
    expect(runs).toEqual([base]);
  });

  it('refuses mosrun options where this MOSIX has no mosrun, naming them', () => {
    const { jobs, runs } = fakeLinux();
    expect(() => mosixJobs(jobs, {}).run({ ...base, mosrun: ['-q60'] })).toThrow(/no mosrun.*-q60/);
    expect(runs).toEqual([]);
  });
});

describe('linux jobs with mosrun options', () => {
  it('refuses them with the reason instead of dropping them', async () => {
    const services = {} as LinuxServices; // never reached: the refusal comes first
    await expect(linuxJobs(services).run({ ...base, mosrun: ['-b'] })).rejects.toThrow(/Plain Linux has no mosrun.*-b/);
  });
});
