import type { Capability, CapabilityName } from '../../protocol/types';
import type { LinuxServices } from './services';

/** Why the linux engine cannot do what only MOSIX (or CRIU, in a later version) can. */
export const LINUX_REASONS = {
  migrate: 'Plain Linux cannot move a running process to another node; that needs MOSIX on the node.',
  checkpoint: 'Checkpoints (checkpoint, checkstop, exit) need MOSIX or CRIU; the linux engine has neither yet.',
  queue: 'The job queue (mosq) belongs to MOSIX clusters; the linux engine starts jobs at once.',
  grid: 'Multi-cluster (grid) sharing needs MOSIX.',
} as const;

/** The capability map of `hello`: true, or the sentence saying why not. */
export function linuxCapabilities(services: LinuxServices): Record<CapabilityName, Capability> {
  const jobs: Capability = typeof services.jobs === 'string' ? `Jobs are unavailable: ${services.jobs}.` : true;
  return {
    monitor: true,
    processes: true,
    freeze: jobs,
    signal: jobs,
    run: jobs,
    ...LINUX_REASONS,
  };
}
