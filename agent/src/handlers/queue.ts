import { defineHandler, type HandlerGroup } from './define';

export const queueHandlers = {
  'queue.list': defineHandler('queue.list', (_params, ctx) => ctx.engine.queue.list()),
  'queue.act': defineHandler('queue.act', (params, ctx) => ctx.engine.queue.act(params)),
} satisfies HandlerGroup;
