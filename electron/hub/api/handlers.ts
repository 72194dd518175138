import type { Method } from '../../api';
import { appHandlers } from './handlers/app';
import { clusterHandlers } from './handlers/clusters';
import { configHandlers } from './handlers/config';
import type { HandlersOf } from './handlers/context';
import { jobsHandlers } from './handlers/jobs';
import { metricsHandlers } from './handlers/metrics';
import { procsHandlers } from './handlers/procs';
import { queueHandlers } from './handlers/queue';
import { tasksHandlers } from './handlers/tasks';
import { trustHandlers } from './handlers/trust';

export type { HubContext } from './handlers/context';

/** Every hub method's handler, by domain group. */
export const hubHandlers: HandlersOf<Method> = {
  ...appHandlers,
  ...clusterHandlers,
  ...trustHandlers,
  ...metricsHandlers,
  ...procsHandlers,
  ...queueHandlers,
  ...jobsHandlers,
  ...tasksHandlers,
  ...configHandlers,
};
