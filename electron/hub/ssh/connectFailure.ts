import type { ChangedHostKey, NodeState } from '../../api';

/** States a failed connection attempt leaves a node in. */
export type FailureState = Exclude<NodeState, 'up' | 'connecting'>;

/**
 * Why an attempt to reach a node's agent failed, as the node's state and a sentence.
 * `retry`: 'backoff' when the hub should try again by itself (network, a dying agent);
 * 'manual' when only the user can fix it (a changed host key, a refused key, no Node.js).
 */
export class ConnectFailure extends Error {
  constructor(
    readonly state: FailureState,
    message: string,
    readonly retry: 'backoff' | 'manual' = 'backoff',
    /** For hostkey-changed: whose key, and where the old one is. */
    readonly changedKey?: ChangedHostKey,
  ) {
    super(message);
    this.name = 'ConnectFailure';
  }
}
