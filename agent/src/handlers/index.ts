import type { AgentMethod } from '../protocol/methods';
import { clusterMapHandlers } from './clusterMap';
import { configHandlers } from './config';
import { controlHandlers } from './control';
import type { Handler } from './define';
import { helloHandlers } from './hello';
import { jobHandlers } from './jobs';
import { metricsHandlers } from './metrics';
import { procsHandlers } from './procs';
import { queueHandlers } from './queue';
import { subscribeHandlers } from './subscribe';

/** The handler table; `satisfies` fails the build when a documented method has no handler. */
export const handlers = {
  ...helloHandlers,
  ...metricsHandlers,
  ...subscribeHandlers,
  ...procsHandlers,
  ...controlHandlers,
  ...jobHandlers,
  ...clusterMapHandlers,
  ...queueHandlers,
  ...configHandlers,
} satisfies Record<AgentMethod, Handler>;
