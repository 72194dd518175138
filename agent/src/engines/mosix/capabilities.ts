import type { Capability, CapabilityName } from '../../protocol/types';
import { linuxCapabilities } from '../linux/capabilities';
import type { LinuxServices } from '../linux/services';
import type { MosixTools } from './tools';

const missing = (tool: string, what: string): string =>
  `This MOSIX node has no ${tool}, so mosdesk cannot ${what} here.`;

/** What this MOSIX offers, by the tools it has; the rest is as on linux (monitoring, jobs). */
export function mosixCapabilities(services: LinuxServices, tools: MosixTools): Record<CapabilityName, Capability> {
  const linux = linuxCapabilities(services);
  return {
    ...linux,
    processes: tools.mosps ? true : missing('mosps', 'show WHERE, FROM and FRZ'),
    freeze: tools.migrate ? true : linux.freeze,
    migrate: tools.migrate ? true : missing('migrate (or mosmigrate)', 'migrate processes'),
    checkpoint: tools.migrate ? true : missing('migrate (or mosmigrate)', 'checkpoint processes'),
    queue: tools.mosq
      ? true
      : 'This MOSIX has no mosq (MOSIX-4 dropped the queue tools), so there is no job queue to show.',
    grid: tools.setpe ? true : missing('setpe (or mossetpe)', 'read the multi-cluster map'),
  };
}
