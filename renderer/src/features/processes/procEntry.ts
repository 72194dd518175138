import type { ProcRow } from '../../../../electron/api/processes';

/** One process of the cluster's table: the node it runs on and its row as the agent sent it. */
export interface ProcEntry {
  /** `${nodeId}/${pid}`: unique in a cluster. */
  key: string;
  nodeId: string;
  /** The node's name when the row came (what the NODE column shows). */
  nodeName: string;
  row: ProcRow;
}

export const entryKey = (nodeId: string, pid: number): string => `${nodeId}/${pid}`;
