import { handlers } from '../handlers';
import { RpcError, RpcErrorCode } from '../protocol/errors';
import type { RpcResponse } from '../protocol/messages';
import type { Admission, Release } from './admission';
import type { Ctx } from './context';
import { parseEnvelope, salvageId } from './envelope';

function toRpcError(err: unknown, ctx: Ctx): RpcError {
  if (err instanceof RpcError) return err;
  ctx.log.error('internal error', err); // stderr, never stdout
  return new RpcError(RpcErrorCode.InternalError, 'Internal agent error; see the agent log.');
}

/**
 * Handles one request line and returns the response to write, or null for a notification
 * (JSON-RPC never answers one, not even with an error; its failure goes to the log).
 * Every other failure becomes an error response; nothing here can stop the serve loop.
 * With `admission`, a known method waits for a place first, or is answered Busy; its place
 * is freed once the answer is made (the serve loop writes it before the place is handed on).
 */
export async function dispatchLine(line: string, ctx: Ctx, admission?: Admission): Promise<RpcResponse | null> {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return errorResponse(null, new RpcError(RpcErrorCode.ParseError, 'The request is not valid JSON.'));
  }
  let id: RpcResponse['id'] = salvageId(raw);
  let isNotification = false;
  try {
    const req = parseEnvelope(raw);
    id = req.id ?? null;
    isNotification = req.id === undefined;
    if (req.method !== 'hello' && !ctx.greeted) {
      throw new RpcError(RpcErrorCode.NotInitialized, 'Call hello first.');
    }
    const handle = Object.hasOwn(handlers, req.method) ? handlers[req.method as keyof typeof handlers] : undefined;
    if (!handle) {
      throw new RpcError(RpcErrorCode.MethodNotFound, `No method "${req.method.slice(0, 100)}".`);
    }
    let release: Release | undefined;
    try {
      // Awaited only when it must wait, so a request that runs now runs in this turn, as before.
      const place = admission?.enter(req.method, line.length);
      release = place instanceof Promise ? await place : place;
      const result = await handle(req.params, ctx);
      return req.id === undefined ? null : { jsonrpc: '2.0', id: req.id, result };
    } finally {
      release?.();
    }
  } catch (err) {
    const rpcError = toRpcError(err, ctx);
    if (!isNotification) return errorResponse(id, rpcError);
    ctx.log.error(`notification failed: ${rpcError.message}`);
    return null;
  }
}

export function errorResponse(id: RpcResponse['id'], err: RpcError): RpcResponse {
  return { jsonrpc: '2.0', id, error: err.toJSON() };
}
