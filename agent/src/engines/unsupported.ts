import { RpcError, RpcErrorCode } from '../protocol/errors';

/** The error for what this node's engine cannot do, carrying the reason the UI shows. */
export function unsupported(reason: string): RpcError {
  return new RpcError(RpcErrorCode.Unsupported, reason, { reason });
}
