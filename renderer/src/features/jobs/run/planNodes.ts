/** The cluster's nodes as the Run dialog places jobs on them: state, engine and live figures. Pure. */
import type { PlacementNode } from '../../../../../agent/src/mosrun/placement';
import type { ClusterSummary, MetricsSample } from '../../../../../electron/api';

export interface PlanNode extends PlacementNode {
  /** 1-based place in the cluster's node list: the node number a linux cluster answers to. */
  position: number;
  engine: 'linux' | 'mosix' | null;
  /** Names and addresses -r and -{a.b.c.d} may give for it. */
  names: string[];
  addresses: string[];
  /** Why it is not up, when it is not. */
  downWhy?: string;
}

/** The figures placement weighs; a node with no sample yet cannot be weighed, and says so. */
function figures(
  s: MetricsSample | undefined,
): Pick<PlacementNode, 'accepts' | 'availableMb' | 'load' | 'cpus' | 'speed'> {
  if (!s) return { accepts: 'no figures from it yet', availableMb: 0, load: 0, cpus: 1, speed: 0 };
  return {
    accepts: true,
    availableMb: s.memory.availableBytes / 2 ** 20,
    load: s.load.one,
    cpus: s.cpuCount,
    speed: s.speed.perCpuMhz,
  };
}

/** Each node with its latest sample, in the cluster's order. */
export function planNodes(
  cluster: ClusterSummary,
  sampleOf: (nodeId: string) => MetricsSample | undefined,
): PlanNode[] {
  return cluster.nodes.map((n, i) => {
    const up = n.state === 'up';
    const names = [n.name, n.host, n.hello?.node.hostname].filter((x): x is string => !!x);
    return {
      ...{ id: n.id, name: n.name, position: i + 1, up, engine: n.hello?.engine ?? null },
      ...figures(up ? sampleOf(n.id) : undefined),
      ...{ names: [...new Set(names)], addresses: n.hello?.node.addresses ?? [] },
      ...(up ? {} : { downWhy: `${n.name} is ${n.state}${n.reason ? `: ${n.reason}` : ''}` }),
    };
  });
}
