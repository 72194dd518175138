/**
 * The node's status as `mosctl status` and `localstatus` print it, over the linux engine's
 * reading of /proc for what mosctl does not say. Pure but for `mosixStatusReader`.
 */
import type { StatusReader } from '../engine';
import type { NodeStatus } from '../../protocol/metricsTypes';
import { type MosctlStatus, parseMosctlStatus } from './parse/mosctlStatus';
import { runTool } from './tools';

export function mosixNodeStatus(m: MosctlStatus, linux: NodeStatus, problems: readonly string[]): NodeStatus {
  const cpus = m.cpus ?? linux.cpus;
  const load = m.load ?? linux.load;
  return {
    status: m.status ?? linux.status,
    load,
    loadPerCpu: cpus > 0 ? load / cpus : load,
    speed: linux.speed,
    cpus,
    frozen: m.frozen ?? linux.frozen,
    utilPercent: m.utilPercent ?? linux.utilPercent,
    avail: m.available ?? linux.avail,
    procs: m.mosixProcesses ?? linux.procs,
    accept: m.accept ? { yes: m.accept.yes, reason: m.accept.text } : linux.accept,
    memory: m.memory ?? linux.memory,
    swap: m.swap ? { freeBytes: m.swap.availableBytes, totalBytes: m.swap.totalBytes } : linux.swap,
    daemons: m.daemons.length
      ? m.daemons.map((d) => ({
          name: d.name,
          state: d.up ? 'up' : 'down',
          ...(!d.up && { reason: `says ${d.state}` }),
        }))
      : linux.daemons,
    guests: m.gridGuests ?? linux.guests,
    mosix: { speedUnits: m.speed, other: m.other, problems: [...problems] },
  };
}

/** `mosctl localstatus` (status and more) each read, over the linux reader's figures. */
export function mosixStatusReader(linux: StatusReader, mosctl: string): StatusReader {
  return {
    async read() {
      const [base, text] = await Promise.all([linux.read(), runTool(mosctl, ['localstatus'], { timeoutMs: 5000 })]);
      const parsed = parseMosctlStatus(text);
      const problems = parsed.problems.map((p) => `mosctl localstatus line ${p.line}: ${p.reason}`);
      return mosixNodeStatus(parsed.status, base, problems);
    },
  };
}
