import { RpcErrorCode } from '../../agent/src/protocol/errors';
import type { HubErrorCode, HubErrorData } from '../api';

/** What went wrong, in words: an Error's message, or anything else as a string. */
export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** An error that crosses the hub API: a stable code and a sentence the user can act on. */
export class HubError extends Error {
  constructor(
    readonly code: HubErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

/** Agent error codes as the hub API reports them; any other code is 'internal'. */
const fromAgentCode: Record<number, HubErrorCode> = {
  [RpcErrorCode.InvalidParams]: 'bad-request',
  [RpcErrorCode.Unsupported]: 'unavailable',
  [RpcErrorCode.NotFound]: 'not-found',
  [RpcErrorCode.PermissionDenied]: 'forbidden',
  [RpcErrorCode.Timeout]: 'timeout',
};

/** An error answered by an agent, kept as data so the hub can map it. */
export class AgentCallError extends Error {
  constructor(
    readonly agentCode: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'AgentCallError';
  }
}

/** Turns anything thrown into the data sent to the renderer; stacks stay in the log. */
export function toHubErrorData(err: unknown): HubErrorData {
  if (err instanceof HubError) return { code: err.code, message: err.message };
  if (err instanceof AgentCallError) {
    return { code: fromAgentCode[err.agentCode] ?? 'internal', message: err.message };
  }
  return { code: 'internal', message: 'Internal error in the hub; see its log.' };
}
