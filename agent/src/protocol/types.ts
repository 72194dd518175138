/** Domain values the agent reports. Units are in the names; times are ms since the epoch. */

export type Engine = 'linux' | 'mosix';

/** A capability is either available (`true`) or the sentence saying why not. */
export type Capability = true | string;

export type CapabilityName =
  'monitor' | 'processes' | 'freeze' | 'signal' | 'run' | 'migrate' | 'checkpoint' | 'queue' | 'grid';

export interface NodeIdentity {
  hostname: string;
  /** Non-loopback addresses of the node's interfaces, IPv4 first. */
  addresses: string[];
  kernel: string;
  cpuModel: string;
  cpuCount: number;
}

/** Who the agent runs as; actions on other users' processes need root. */
export interface AgentUser {
  name: string;
  uid: number;
  isRoot: boolean;
}

/** How this node freezes: a cgroup v2 freezer for the jobs the agent starts, or SIGSTOP/SIGCONT. */
export type FreezeMethod = 'cgroup' | 'sigstop';

export interface Hello {
  protocolVersion: number;
  agentVersion: string;
  engine: Engine;
  /** Why this engine runs here: which MOSIX tools were found and what `mosctl status` said, or why not. */
  engineReason: string;
  node: NodeIdentity;
  user: AgentUser;
  /** The method used for jobs the agent started; other processes are always stopped with SIGSTOP. */
  jobFreezeMethod: FreezeMethod;
  capabilities: Record<CapabilityName, Capability>;
}

export type { LoadAvg, MemoryInfo, MetricsSample } from './metricsTypes';
