/**
 * The mosix engine: the node's MOSIX tools for what MOSIX knows (mosps's columns, mosctl's
 * status, migrate, the queue), composed over the linux engine for what it does not give
 * (figures from /proc, the ps columns, jobs the agent starts, signals).
 */
import type { Engine } from '../engine';
import { linuxEngineOf } from '../linux/engine';
import type { LinuxServices } from '../linux/services';
import type { Logger } from '../../server/context';
import { mosixCapabilities } from './capabilities';
import { readSetpeMap } from './clusterMap';
import { mosixControl } from './control';
import { mosixJobs } from './jobs';
import type { Detection } from './detect';
import { mosixProcReader } from './processes';
import { mosixQueue } from './queue';
import { mosixStatusReader } from './status';

type Running = Extract<Detection, { kind: 'running' }>;

/** Each distinct complaint once: mosps runs every second and must not flood the log. */
function onceEach(log: Logger): { problem(text: string): void } {
  const said = new Set<string>();
  return {
    problem(text) {
      if (said.has(text) || said.size > 1000) return;
      said.add(text);
      log.error(text);
    },
  };
}

export function mosixEngineOf(services: LinuxServices, found: Running, log: Logger): Engine {
  const linux = linuxEngineOf(services, log, { reason: found.reason });
  const { tools } = found;
  const { setpe } = tools;
  const complaints = onceEach(log);
  return {
    ...linux,
    name: 'mosix',
    capabilities: () => mosixCapabilities(services, tools),
    status: () => mosixStatusReader(linux.status(), tools.mosctl),
    processes: (use) => {
      const base = linux.processes(use);
      return tools.mosps ? mosixProcReader(base, tools.mosps, complaints) : base;
    },
    control: mosixControl(linux.control, tools),
    jobs: mosixJobs(linux.jobs, tools),
    queue: mosixQueue(tools),
    // MOSIX's own view of the map where setpe is there; the file as the linux engine reads it otherwise.
    clusterMap: setpe ? () => readSetpeMap(setpe) : linux.clusterMap,
  };
}
