import type { NodeState } from '../../../../electron/api';

/**
 * How each node state reads on screen. `tone` picks the colour and the dot's shape, so
 * states differ by more than colour alone.
 */
export type StateTone = 'ok' | 'pending' | 'ask' | 'warn' | 'bad';

export interface StateInfo {
  /** A few words, for the sidebar and the card's header. */
  label: string;
  tone: StateTone;
  /** A sentence shown when the hub gave no reason. */
  detail: string;
  /** Whether "Retry" makes sense: the hub will not try again by itself, or the user fixed something. */
  retry: boolean;
}

export const NODE_STATES: Readonly<Record<NodeState, StateInfo>> = {
  connecting: {
    label: 'connecting',
    tone: 'pending',
    detail: 'Connecting over SSH and starting the agent.',
    retry: false,
  },
  up: { label: 'up', tone: 'ok', detail: 'The agent answers.', retry: false },
  dead: {
    label: 'dead',
    tone: 'bad',
    detail: 'The node stopped answering; mosdesk keeps trying to reconnect.',
    retry: true,
  },
  'hostkey-unknown': {
    label: 'host key unknown',
    tone: 'ask',
    detail: 'Waiting for you to accept or refuse its host key.',
    retry: false,
  },
  'hostkey-changed': {
    label: 'host key changed',
    tone: 'bad',
    detail: 'Its host key differs from the one on record, so mosdesk refuses to connect.',
    retry: true,
  },
  'auth-failed': {
    label: 'auth failed',
    tone: 'warn',
    detail: 'SSH authentication failed.',
    retry: true,
  },
  'no-node': {
    label: 'no Node.js',
    tone: 'warn',
    detail: 'The node has no usable Node.js 18 or newer for the agent.',
    retry: true,
  },
  error: { label: 'error', tone: 'bad', detail: 'An error stopped the connection.', retry: true },
};

export function stateInfo(state: NodeState): StateInfo {
  // An unknown state from a newer hub still gets a sensible look.
  return NODE_STATES[state] ?? { label: String(state), tone: 'bad', detail: '', retry: true };
}

export const canRetry = (state: NodeState): boolean => stateInfo(state).retry;
