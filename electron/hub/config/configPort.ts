/**
 * What an apply needs of a cluster's nodes, and nothing more: so the coordinator can be run
 * against fake agents in tests and against NodeSessions in the hub (see sessionConfigNodes.ts).
 */
import type {
  BackupContent,
  ConfigChange,
  ConfigSnapshot,
  StageResult,
  SwitchResult,
} from '../../../agent/src/protocol/configTypes';

/** One node's agent, for its /etc/mosix methods. Each call is sent once: writes are never repeated by the client. */
export interface ConfigAgent {
  read(): Promise<ConfigSnapshot>;
  stage(applyId: string, changes: ConfigChange[]): Promise<StageResult>;
  switch(applyId: string): Promise<SwitchResult>;
  discard(applyId: string): Promise<{ removed: boolean }>;
  backup(backupId: string): Promise<BackupContent>;
}

/** A node as an apply sees it now: its agent while it is up, or why not. */
export type ConfigNodeNow = { name: string; agent: ConfigAgent } | { name: string; agent?: undefined; down: string };

export interface ConfigNodes {
  /** The node now; undefined when the cluster (or the node) is no longer there. */
  node(clusterId: string, nodeId: string): ConfigNodeNow | undefined;
  /** Every node of a cluster, in its order; undefined for an unknown cluster. */
  nodeIds(clusterId: string): string[] | undefined;
}
