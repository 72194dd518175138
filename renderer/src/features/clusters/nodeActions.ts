import type { Ref } from 'vue';
import type { ClusterSummary, HubClient } from '../../../../electron/api';
import { keyedMessages } from '../../shared/composables/keyedState';
import { withoutNode } from './clusterList';
import { messageOf } from '../../shared/messageOf';

const nodeKey = (clusterId: string, nodeId: string): string => `${clusterId}/${nodeId}`;

/**
 * The clusters store's requests about single nodes: add, forget, retry, forget an old host
 * key, and why a retry failed. `takeReply` puts a cluster from a hub reply into the list (see the store).
 */
export function nodeActions(
  hub: HubClient,
  clusters: Ref<ClusterSummary[]>,
  takeReply: (updated: ClusterSummary) => ClusterSummary,
) {
  /** Why a "Retry" failed, per node, until the node's next state. */
  const retryErrors = keyedMessages();

  /** Adds hosts (a host list as typed) to an SSH cluster; the hub's refusal reaches the caller. */
  async function addNodes(clusterId: string, hosts: string): Promise<ClusterSummary> {
    return takeReply(await hub.call('nodes.add', { clusterId, hosts }));
  }

  /** Disconnects and forgets one node; the hub's refusal (its last node) reaches the caller. */
  async function removeNode(clusterId: string, nodeId: string): Promise<void> {
    await hub.call('nodes.remove', { clusterId, nodeId });
    clusters.value = withoutNode(clusters.value, clusterId, nodeId);
    retryErrors.set(nodeKey(clusterId, nodeId), undefined);
  }

  /** Tries a node again; a refusal is kept for the node's card and tooltip. */
  async function reconnect(clusterId: string, nodeId: string): Promise<void> {
    try {
      await hub.call('nodes.reconnect', { clusterId, nodeId });
    } catch (err) {
      retryErrors.set(nodeKey(clusterId, nodeId), messageOf(err));
    }
  }

  /**
   * Removes a node's old (changed) host key from mosdesk's own store; the hub then asks about
   * the new one. The hub's refusal reaches the caller (the confirm dialog shows it).
   */
  async function forgetOldKey(clusterId: string, nodeId: string): Promise<number> {
    return (await hub.call('hostkeys.forget', { clusterId, nodeId })).removed;
  }

  return {
    addNodes,
    removeNode,
    reconnect,
    forgetOldKey,
    retryErrorOf: (clusterId: string, nodeId: string): string | undefined =>
      retryErrors.get(nodeKey(clusterId, nodeId)),
    clearRetryError: (clusterId: string, nodeId: string): void =>
      retryErrors.set(nodeKey(clusterId, nodeId), undefined),
  };
}
