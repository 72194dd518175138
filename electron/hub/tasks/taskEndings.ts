/** How a task ends when the node refuses, the link drops or an answer is late: shared by every kind of task. */
import { RpcErrorCode } from '../../../agent/src/protocol/errors';
import type { NodeView, TaskState } from '../../api';
import type { AgentClient } from '../agents/agentClient';
import { AgentCallError, HubError, messageOf } from '../errors';

export type EndState = Exclude<TaskState, 'queued' | 'running'>;
export interface Ending {
  state: EndState;
  outcome: string;
}

/** What an ending reads of a task's node. */
export interface EndingNode {
  readonly agent: AgentClient | undefined;
  readonly snapshot: NodeView;
}

/** The node refused: not allowed, no such process, cannot (here), or its command failed. */
const REFUSALS = new Set<number>([
  RpcErrorCode.PermissionDenied,
  RpcErrorCode.NotFound,
  RpcErrorCode.Unsupported,
  RpcErrorCode.CommandFailed,
]);

/** Node messages are data: shown as text, and never longer than a sentence or two. */
export const clip = (text: string): string => (text.length > 1000 ? `${text.slice(0, 999)}…` : text);

export function linkLost(node: EndingNode): Ending {
  const { reason } = node.snapshot;
  const why = reason ? ` (${clip(reason)})` : '';
  return { state: 'failed', outcome: `the link was lost${why}; it is not sent again by itself` };
}

export const isLinkError = (err: unknown): boolean => err instanceof HubError && err.code === 'unavailable';

/** The ending of an action the agent did not carry out; `client` is the link it was sent on. */
export function endingOfError(err: unknown, node: EndingNode, client: AgentClient): Ending {
  if (node.agent !== client || isLinkError(err)) return linkLost(node);
  if (err instanceof AgentCallError && REFUSALS.has(err.agentCode))
    return { state: 'declined', outcome: clip(err.message) };
  if (err instanceof HubError && err.code === 'timeout') {
    return {
      state: 'timed-out',
      outcome: `${err.message} It may have happened or not; it is not sent again by itself.`,
    };
  }
  return { state: 'failed', outcome: clip(messageOf(err)) };
}

/** One read of a task's watch: what was read, the failure to mention, or the task's end when the link went. */
export type WatchRead<T> = { value: T } | { failed: string } | { ending: Ending };

export async function readForWatch<T>(
  node: EndingNode,
  client: AgentClient,
  read: () => Promise<T>,
): Promise<WatchRead<T>> {
  if (node.agent !== client) return { ending: linkLost(node) };
  try {
    return { value: await read() };
  } catch (err) {
    // A read may fail (a busy agent): the next one tries again; only a lost link ends the task.
    if (node.agent !== client || isLinkError(err)) return { ending: linkLost(node) };
    return { failed: `the last read failed: ${clip(messageOf(err))}` };
  }
}
