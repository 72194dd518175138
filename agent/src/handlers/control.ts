import { constants } from 'node:os';
import { RpcError, RpcErrorCode } from '../protocol/errors';
import { defineHandler, type HandlerGroup } from './define';
import type { Ctx } from '../server/context';

function checkSignal(name: string): NodeJS.Signals {
  if (!Object.hasOwn(constants.signals, name)) {
    throw new RpcError(
      RpcErrorCode.InvalidParams,
      `Invalid params: "signal": ${name.slice(0, 20)} is not a signal on this node.`,
    );
  }
  return name as NodeJS.Signals;
}

/** After an action: this session's process streams scan at once, so the change is seen now, not at the next tick. */
async function thenNudge<T>(ctx: Ctx, action: Promise<T>): Promise<T> {
  const result = await action;
  for (const stream of ctx.subscriptions.values()) stream.nudge?.();
  return result;
}

export const controlHandlers = {
  'proc.freeze': defineHandler('proc.freeze', (target, ctx) => thenNudge(ctx, ctx.engine.control.freeze(target))),
  'proc.continue': defineHandler('proc.continue', (target, ctx) => thenNudge(ctx, ctx.engine.control.continue(target))),
  'proc.signal': defineHandler('proc.signal', ({ signal, ...target }, ctx) =>
    thenNudge(ctx, ctx.engine.control.signal(target, checkSignal(signal))),
  ),
  'proc.migrate': defineHandler('proc.migrate', ({ to, ...target }, ctx) =>
    thenNudge(ctx, ctx.engine.control.migrate(target, to)),
  ),
  'proc.checkpoint': defineHandler('proc.checkpoint', ({ then, ...target }, ctx) =>
    thenNudge(ctx, ctx.engine.control.checkpoint(target, then)),
  ),
} satisfies HandlerGroup;
