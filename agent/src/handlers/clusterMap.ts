import { defineHandler, type HandlerGroup } from './define';

export const clusterMapHandlers = {
  'cluster.map': defineHandler('cluster.map', (_params, ctx) => ctx.engine.clusterMap()),
} satisfies HandlerGroup;
