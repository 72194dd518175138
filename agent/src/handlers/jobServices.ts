import { RpcError, RpcErrorCode } from '../protocol/errors';
import type { Ctx, JobServices } from '../server/context';

/** The job services, or an Unsupported error with the reason they are missing on this node. */
export function jobServices(ctx: Ctx): JobServices {
  const { jobs } = ctx.services;
  if (typeof jobs === 'string')
    throw new RpcError(RpcErrorCode.Unsupported, `Jobs are unavailable: ${jobs}.`, { reason: jobs });
  return jobs;
}
