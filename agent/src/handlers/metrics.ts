import { DEFAULT_DISKS } from '../engines/linux/metrics';
import type { MetricsReader, StatusReader } from '../engines/engine';
import type { Ctx } from '../server/context';
import { defineHandler, type HandlerGroup } from './define';

/** The session's own reader for one method, made on first use. */
function sessionReader<T>(ctx: Ctx, key: string, make: () => T): T {
  let reader = ctx.session.get(key) as T | undefined;
  if (!reader) {
    reader = make();
    ctx.session.set(key, reader);
  }
  return reader;
}

export const metricsHandlers = {
  /** Rates cover the time since this session's previous metrics.read; null on its first. */
  'metrics.read': defineHandler('metrics.read', (params, ctx) =>
    sessionReader<MetricsReader>(ctx, 'metrics.read:reader', () => ctx.engine.metrics()).sample(
      params.disks ?? DEFAULT_DISKS,
    ),
  ),
  /**
   * Its own reader, so a status.read in between never shortens metrics.read's rate interval;
   * util compares with this session's previous status.read (null on the first).
   */
  'status.read': defineHandler('status.read', (_params, ctx) =>
    sessionReader<StatusReader>(ctx, 'status.read:reader', () => ctx.engine.status()).read(),
  ),
} satisfies HandlerGroup;
