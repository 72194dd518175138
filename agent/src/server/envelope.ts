import { RpcError, RpcErrorCode } from '../protocol/errors';
import type { RpcId } from '../protocol/messages';

export interface ParsedRequest {
  /** Absent for a notification, which gets no response. */
  id?: RpcId;
  method: string;
  params: unknown;
}

const MAX_METHOD_LENGTH = 100;
const MAX_STRING_ID_LENGTH = 128;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the id so an error can still be addressed to the caller; null when it is unusable. */
export function salvageId(value: unknown): RpcId | null {
  if (!isRecord(value)) return null;
  const { id } = value;
  if (typeof id === 'number' && Number.isSafeInteger(id)) return id;
  if (typeof id === 'string' && id.length <= MAX_STRING_ID_LENGTH) return id;
  return null;
}

/** Checks a JSON-RPC 2.0 request envelope; params are checked later, per method. */
export function parseEnvelope(value: unknown): ParsedRequest {
  if (!isRecord(value)) {
    throw new RpcError(RpcErrorCode.InvalidRequest, 'A request must be a JSON object.');
  }
  if (value.jsonrpc !== '2.0') {
    throw new RpcError(RpcErrorCode.InvalidRequest, 'A request must have "jsonrpc": "2.0".');
  }
  const { method, params } = value;
  if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_LENGTH) {
    throw new RpcError(
      RpcErrorCode.InvalidRequest,
      `"method" must be a string of 1 to ${MAX_METHOD_LENGTH} characters.`,
    );
  }
  if (params !== undefined && !isRecord(params)) {
    throw new RpcError(RpcErrorCode.InvalidParams, '"params" must be an object when present.');
  }
  if (!('id' in value)) return { method, params };
  const id = salvageId(value);
  if (id === null) {
    throw new RpcError(
      RpcErrorCode.InvalidRequest,
      `"id" must be a safe integer or a string of at most ${MAX_STRING_ID_LENGTH} characters.`,
    );
  }
  return { id, method, params };
}
