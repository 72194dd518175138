/**
 * Jobs on a MOSIX node: started through the real mosrun, so MOSIX places, queues and checkpoints
 * them as its options say; the records, output files and forget are the linux engine's.
 */
import type { EngineJobs } from '../engine';
import { unsupported } from '../unsupported';
import type { MosixTools } from './tools';

export function mosixJobs(linux: EngineJobs, tools: MosixTools): EngineJobs {
  return {
    ...linux,
    run(params) {
      const { mosrun: options, ...rest } = params;
      if (!options?.length) return linux.run(rest);
      if (!tools.mosrun)
        throw unsupported(
          `This MOSIX node has no mosrun, so the options ${options.join(' ')} cannot be honoured here.`,
        );
      // Options first, then the program: mosrun stops reading options at the first word without "-".
      return linux.run({ ...rest, argv: [tools.mosrun, ...options, ...rest.argv] });
    },
  };
}
