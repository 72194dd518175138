import type { ProcRow } from '../../../../../electron/api/processes';
import type { ProcEntry } from '../../../../../renderer/src/features/processes/procEntry';
import { row } from '../../../agent/engines/linux/processes/rowFixtures';

/** A process of node `nodeId` (named `node<id>`), a native `sleep 600` of alice unless changed. */
export const entry = (nodeId: string, changes: Partial<ProcRow> & { pid: number }): ProcEntry => ({
  key: `${nodeId}/${changes.pid}`,
  nodeId,
  nodeName: `node${nodeId}`,
  row: row(changes),
});
