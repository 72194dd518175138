import { constants } from 'node:os';
import { RpcError, RpcErrorCode } from '../protocol/errors';
import { defineHandler, type HandlerGroup } from './define';
import { LINUX_REASONS } from './capabilities';
import { jobServices } from './jobServices';

function checkSignal(name: string): NodeJS.Signals {
  if (!Object.hasOwn(constants.signals, name)) {
    throw new RpcError(
      RpcErrorCode.InvalidParams,
      `Invalid params: "signal": ${name.slice(0, 20)} is not a signal on this node.`,
    );
  }
  return name as NodeJS.Signals;
}

const unsupported = (reason: string) => async (): Promise<never> => {
  throw new RpcError(RpcErrorCode.Unsupported, reason, { reason });
};

export const controlHandlers = {
  'proc.freeze': defineHandler('proc.freeze', (target, ctx) => jobServices(ctx).control.freeze(target)),
  'proc.continue': defineHandler('proc.continue', (target, ctx) => jobServices(ctx).control.continue(target)),
  'proc.signal': defineHandler('proc.signal', ({ signal, ...target }, ctx) =>
    jobServices(ctx).control.signal(target, checkSignal(signal)),
  ),
  'proc.migrate': defineHandler('proc.migrate', unsupported(LINUX_REASONS.migrate)),
  'proc.checkpoint': defineHandler('proc.checkpoint', unsupported(LINUX_REASONS.checkpoint)),
} satisfies HandlerGroup;
