import type { EngineJobs } from '../engine';
import { RpcError, RpcErrorCode } from '../../protocol/errors';
import { unsupported } from '../unsupported';
import { launchJob } from './jobs/jobLauncher';
import { readJobOutput } from './jobs/jobOutput';
import type { StoredRun } from './jobs/storedRun';
import type { JobServices, LinuxServices } from './services';

/** The job services, or an Unsupported error with the reason they are missing on this node. */
export function jobServicesOf(services: LinuxServices): JobServices {
  const { jobs } = services;
  if (typeof jobs === 'string') throw unsupported(`Jobs are unavailable: ${jobs}.`);
  return jobs;
}

function findRun(jobs: JobServices, runId: string): StoredRun {
  const run = jobs.store.get(runId);
  if (!run) throw new RpcError(RpcErrorCode.NotFound, `No run ${runId} in this agent's job records.`);
  return run;
}

/** `job.run` and the records: detached runs with their output in files, kept across restarts. */
export function linuxJobs(services: LinuxServices): EngineJobs {
  return {
    async run(params) {
      if (params.mosrun?.length)
        throw unsupported(
          `Plain Linux has no mosrun, so the options ${params.mosrun.join(' ')} cannot be honoured here; run the job without them or on a MOSIX node.`,
        );
      const { store } = jobServicesOf(services);
      const { user, cgroups, availableMemory } = services;
      return (await launchJob(params, { store, user, cgroups, availableMemory })).record;
    },
    list(includeEnded) {
      const all = jobServicesOf(services).store.list();
      return includeEnded ? all : all.filter((r) => r.state !== 'exited' && r.state !== 'lost');
    },
    async output({ runId, stream, offset, maxBytes }) {
      return readJobOutput(findRun(jobServicesOf(services), runId), stream, offset, maxBytes ?? 64 * 1024);
    },
    forget(runId) {
      const result = jobServicesOf(services).store.forget(runId);
      if (result === 'running') {
        throw new RpcError(RpcErrorCode.InvalidRequest, `Run ${runId} is still running; end it before forgetting it.`);
      }
      return { removed: result };
    },
  };
}
