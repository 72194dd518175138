/** Domain values the agent reports. Units are in the names; times are ms since the epoch. */

export type Engine = 'linux' | 'mosix';

/** A capability is either available (`true`) or the sentence saying why not. */
export type Capability = true | string;

export interface NodeIdentity {
  hostname: string;
  kernel: string;
  cpuModel: string;
  cpuCount: number;
}

export interface Hello {
  protocolVersion: number;
  agentVersion: string;
  engine: Engine;
  node: NodeIdentity;
  capabilities: Record<'monitor' | 'migrate' | 'checkpoint' | 'freeze' | 'queue', Capability>;
}

export interface LoadAvg {
  one: number;
  five: number;
  fifteen: number;
  /** Runnable scheduling entities right now. */
  running: number;
  /** All scheduling entities (threads) on the node. */
  total: number;
}

export interface MemoryInfo {
  totalBytes: number;
  freeBytes: number;
  /** What the kernel estimates can be given to new work without swapping (MemAvailable). */
  availableBytes: number;
  /** totalBytes - availableBytes: what `free` calls used, caches excluded. */
  usedBytes: number;
  swapTotalBytes: number;
  swapFreeBytes: number;
}

export interface MetricsSample {
  /** When the sample was read, ms since the epoch (the node's clock). */
  at: number;
  hostname: string;
  cpuCount: number;
  load: LoadAvg;
  memory: MemoryInfo;
  uptimeSec: number;
}
